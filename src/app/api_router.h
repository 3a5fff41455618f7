// The services of a running Chorus and the router that exposes them: the one place that lists
// every API route, used by `chorus serve` and by the API tests (so they test what ships).
// Thread-safety: build once at start; the router is then read-only.
#pragma once

#include <memory>
#include <string>

#include "app/web_dir.h"
#include "core/allowed_roots.h"
#include "core/status.h"
#include "server/router.h"
#include "service/active_queue.h"
#include "service/adjudication_service.h"
#include "service/aggregation_service.h"
#include "service/agreement_monitor.h"
#include "service/anchoring_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/auto_labelling.h"
#include "service/dashboard_service.h"
#include "service/datasheet.h"
#include "service/diversity_service.h"
#include "service/export_jobs.h"
#include "service/format_import.h"
#include "service/gold_service.h"
#include "service/import_jobs.h"
#include "service/invitation_service.h"
#include "service/label_studio_import.h"
#include "service/labelling_service.h"
#include "service/machine_label_validation.h"
#include "service/media_fetch.h"
#include "service/media_uploads.h"
#include "service/membership_service.h"
#include "service/model_backend_service.h"
#include "service/outbound/outbound_fetcher.h"
#include "service/pay_service.h"
#include "service/prediction_service.h"
#include "service/profile_service.h"
#include "service/project_access.h"
#include "service/project_service.h"
#include "service/routing_service.h"
#include "service/suspect_labels.h"
#include "service/url_import.h"
#include "service/weak_labelling.h"
#include "service/wellbeing_service.h"
#include "store/store.h"

namespace chorus::app {

struct ApiServices {
  std::shared_ptr<service::AuthService> auth;
  std::shared_ptr<service::ProjectService> projects;
  std::shared_ptr<service::LabellingService> labelling;
  std::shared_ptr<service::GoldService> gold;
  std::shared_ptr<service::RoutingService> routing;
  std::shared_ptr<service::PayService> pay;
  std::shared_ptr<service::WellbeingService> wellbeing;
  std::shared_ptr<service::DiversityService> diversity;
  std::shared_ptr<service::PredictionService> predictions;  // Model predictions in.
  std::shared_ptr<service::FormatImportService> format_imports;  // COCO, VOC, YOLO, CoNLL in.
  std::shared_ptr<service::AnchoringService> anchoring;     // Drafts against blind labels.
  std::shared_ptr<service::DatasheetService> datasheets;    // How the dataset was made.
  std::shared_ptr<service::LabelStudioMigration> label_studio;  // Projects in and out.
  std::shared_ptr<service::ModelBackendService> model_backends;  // Models that draft tasks.
  std::shared_ptr<const service::AgreementMonitor> agreement;
  std::shared_ptr<const service::DashboardService> dashboard;  // Figures only it gives.
  std::shared_ptr<service::AdjudicationService> adjudication;
  std::shared_ptr<service::JobRunner> jobs;  // Runs every background job below.
  std::shared_ptr<service::ExportJobs> exports;
  std::shared_ptr<service::ImportJobs> import_jobs;          // Uploads imported in the background.
  std::shared_ptr<service::AggregationService> aggregation;  // Jobs share the exports' runner.
  std::shared_ptr<service::ActiveQueueService> active_learning;  // Jobs too.
  std::shared_ptr<service::SuspectLabelsService> suspects;
  std::shared_ptr<service::AutoLabelling> auto_labelling;       // Issue 7 item 3.
  std::shared_ptr<service::WeakLabelling> weak_labelling;       // Item 7 (jobs on the runner).
  std::shared_ptr<service::MachineLabelReports> machine_labels;  // Item 8.
  std::shared_ptr<service::InvitationService> invitations;
  std::shared_ptr<service::ProfileService> profiles;
  std::shared_ptr<service::AuditService> audit;
  std::shared_ptr<service::ProjectAccess> access;  // Who reaches which project.
  std::shared_ptr<service::MembershipService> members;
  // The one outbound guard (import and media by URL); its policy is --allow-fetch's.
  std::shared_ptr<const service::OutboundFetcher> fetcher;
  std::shared_ptr<service::UrlImporter> url_importer;
  // Uploaded media files (POST/GET /api/v1/projects/{p}/media); null: those routes answer 501.
  std::shared_ptr<service::MediaUploads> media_uploads;
};

struct OutboundServiceOptions {
  service::FetchPolicy fetch_policy;              // Public addresses plus the --allow-fetch rules.
  service::FetcherOptions fetcher;                // Timeouts, redirects, resolver.
  std::string uploads_dir;                        // Spool for imports from URLs ("": the temp dir).
  uint64_t max_import_bytes = uint64_t{4} << 30;  // Largest task file fetched (as uploads).
  service::ModelBackendServiceOptions model_backends;  // Environment lookup, waits (tests).
};

// REQUIRES: `store` outlives the services; `exports_dir` exists, private to the server (export
// files are written there); `outbound.uploads_dir`, when set, too. `media_dir` (DATA/media) is
// where uploaded media files are kept across restarts, created when missing; "" keeps none.
ApiServices MakeServices(store::Store& store, const service::AuthServiceOptions& auth_options,
                         const std::string& exports_dir,
                         const OutboundServiceOptions& outbound = {},
                         const std::string& media_dir = "");

struct ApiRouterOptions {
  std::string version = "0.0.0";  // Reported by GET /api/v1/health.
  bool secure_cookies = false;    // Mark cookies Secure (behind TLS).
  AllowedRoots import_roots;      // --import-dir: files POST …/imports/server-file may read.
  AllowedRoots media_roots;       // --media-dir: files GET /api/v1/media serves.
  service::MediaFetchLimits media_fetch;  // Caps of GET /api/v1/media/fetch.
  std::shared_ptr<const WebDir> web_dir;  // --web-dir: served instead of the embedded web app.
  std::string export_spool_dir;  // GET …/export writes its body here first ("": temp dir).
};

// Every route of /api/v1, and the embedded web app for other paths.
// REQUIRES: the services outlive the router.
Result<server::Router> BuildApiRouter(const ApiServices& services, const ApiRouterOptions& options);

}  // namespace chorus::app
