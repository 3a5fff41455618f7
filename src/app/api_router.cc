#include "app/api_router.h"

#include "app/web_assets.h"
#include "core/clock.h"
#include "server/adjudication_routes.h"
#include "server/aggregate_routes.h"
#include "server/learning_routes.h"
#include "server/agreement_routes.h"
#include "server/audit_routes.h"
#include "server/auth_routes.h"
#include "server/dashboard_routes.h"
#include "server/gold_routes.h"
#include "server/health_route.h"
#include "server/invitation_routes.h"
#include "server/job_routes.h"
#include "server/labelling_routes.h"
#include "server/machine_label_routes.h"
#include "server/media_routes.h"
#include "server/media_upload_routes.h"
#include "server/member_routes.h"
#include "server/model_backend_routes.h"
#include "server/format_import_routes.h"
#include "server/pay_routes.h"
#include "server/prediction_routes.h"
#include "server/profile_routes.h"
#include "server/project_routes.h"
#include "server/routing_routes.h"
#include "server/static_assets.h"
#include "server/user_routes.h"
#include "server/wellbeing_routes.h"
#include "server/datasheet_routes.h"
#include "server/label_studio_routes.h"
#include "server/diversity_routes.h"

namespace chorus::app {

ApiServices MakeServices(store::Store& store, const service::AuthServiceOptions& auth_options,
                         const std::string& exports_dir, const OutboundServiceOptions& outbound,
                         const std::string& media_dir) {
  ApiServices services;
  services.auth = std::make_shared<service::AuthService>(store, auth_options);
  if (!media_dir.empty()) {
    services.media_uploads =
        std::make_shared<service::MediaUploads>(store, media_dir, NowUnixMillis);
  }
  // COCO, VOC and YOLO exports read the sizes of uploaded images from their files.
  service::ImageSizeLookup image_size;
  if (services.media_uploads) {
    image_size = [media = services.media_uploads](int64_t project_id, std::string_view url) {
      return media->ImageSizeOf(project_id, url);
    };
  }
  services.projects = std::make_shared<service::ProjectService>(store, NowUnixMillis, image_size);
  services.labelling = std::make_shared<service::LabellingService>(store, NowUnixMillis);
  services.gold = std::make_shared<service::GoldService>(store, NowUnixMillis);
  services.routing = std::make_shared<service::RoutingService>(store, NowUnixMillis);
  services.agreement = std::make_shared<const service::AgreementMonitor>(store);
  services.dashboard = std::make_shared<const service::DashboardService>(store);
  services.adjudication = std::make_shared<service::AdjudicationService>(store, NowUnixMillis);
  services.pay = std::make_shared<service::PayService>(store);
  services.wellbeing = std::make_shared<service::WellbeingService>(store, NowUnixMillis);
  services.diversity = std::make_shared<service::DiversityService>(store, NowUnixMillis);
  services.predictions = std::make_shared<service::PredictionService>(store, NowUnixMillis);
  services.format_imports = std::make_shared<service::FormatImportService>(
      store, *services.projects, *services.predictions);
  services.anchoring = std::make_shared<service::AnchoringService>(store);
  services.datasheets = std::make_shared<service::DatasheetService>(store, NowUnixMillis);
  services.label_studio =
      std::make_shared<service::LabelStudioMigration>(store, services.projects, services.gold);
  // One runner for every background job, so GET /api/v1/jobs/{job} shows each kind.
  auto jobs = std::make_shared<service::JobRunner>(NowUnixMillis);
  services.jobs = jobs;
  services.exports = std::make_shared<service::ExportJobs>(store, exports_dir, jobs, image_size);
  services.import_jobs = std::make_shared<service::ImportJobs>(services.projects, jobs);
  services.aggregation = std::make_shared<service::AggregationService>(store, jobs, NowUnixMillis);
  services.active_learning = std::make_shared<service::ActiveQueueService>(store, jobs);
  services.suspects = std::make_shared<service::SuspectLabelsService>(store, NowUnixMillis);
  services.auto_labelling = std::make_shared<service::AutoLabelling>(store, NowUnixMillis);
  services.weak_labelling = std::make_shared<service::WeakLabelling>(store, jobs, NowUnixMillis);
  services.machine_labels = std::make_shared<service::MachineLabelReports>(store);
  services.invitations =
      std::make_shared<service::InvitationService>(store, auth_options, NowUnixMillis);
  services.profiles = std::make_shared<service::ProfileService>(store, NowUnixMillis);
  services.audit = std::make_shared<service::AuditService>(store);
  services.access = std::make_shared<service::ProjectAccess>(store);
  services.members = std::make_shared<service::MembershipService>(store, NowUnixMillis);
  services.fetcher =
      std::make_shared<const service::OutboundFetcher>(outbound.fetch_policy, outbound.fetcher);
  // Drafting jobs share the runner and reach models through the one outbound guard.
  services.model_backends = std::make_shared<service::ModelBackendService>(
      store, services.fetcher, jobs, NowUnixMillis, outbound.model_backends);
  service::UrlImportOptions url_import;
  url_import.spool_dir = outbound.uploads_dir;
  url_import.max_bytes = outbound.max_import_bytes;
  services.url_importer =
      std::make_shared<service::UrlImporter>(*services.projects, services.fetcher, url_import);
  return services;
}

Result<server::Router> BuildApiRouter(const ApiServices& services,
                                      const ApiRouterOptions& options) {
  server::Router router;
  CHORUS_RETURN_IF_ERROR(server::AddHealthRoute(router, options.version));
  server::AuthRouteOptions auth_options;
  auth_options.secure_cookies = options.secure_cookies;
  CHORUS_RETURN_IF_ERROR(server::AddAuthRoutes(router, services.auth, auth_options));
  CHORUS_RETURN_IF_ERROR(server::AddUserRoutes(router, services.auth));
  CHORUS_RETURN_IF_ERROR(
      server::AddInvitationRoutes(router, services.auth, services.invitations, auth_options));
  CHORUS_RETURN_IF_ERROR(server::AddProfileRoutes(router, services.auth, services.profiles));
  CHORUS_RETURN_IF_ERROR(server::AddAuditRoutes(router, services.auth, services.audit));
  server::ProjectRouteOptions project_options;
  project_options.import_roots = options.import_roots;
  project_options.url_importer = services.url_importer;
  project_options.import_jobs = services.import_jobs;
  project_options.export_spool_dir = options.export_spool_dir;
  CHORUS_RETURN_IF_ERROR(server::AddProjectRoutes(router, services.auth, services.access,
                                                  services.projects, project_options));
  CHORUS_RETURN_IF_ERROR(
      server::AddMemberRoutes(router, services.auth, services.access, services.members));
  CHORUS_RETURN_IF_ERROR(
      server::AddLabellingRoutes(router, services.auth, services.access, services.labelling));
  CHORUS_RETURN_IF_ERROR(
      server::AddGoldRoutes(router, services.auth, services.access, services.gold));
  CHORUS_RETURN_IF_ERROR(
      server::AddAdjudicationRoutes(router, services.auth, services.access, services.adjudication));
  CHORUS_RETURN_IF_ERROR(
      server::AddRoutingRoutes(router, services.auth, services.access, services.routing));
  CHORUS_RETURN_IF_ERROR(
      server::AddPayRoutes(router, services.auth, services.access, services.pay));
  CHORUS_RETURN_IF_ERROR(
      server::AddWellbeingRoutes(router, services.auth, services.access, services.wellbeing));
  CHORUS_RETURN_IF_ERROR(server::AddPredictionRoutes(router, services.auth, services.access,
                                                     services.predictions, services.anchoring));
  CHORUS_RETURN_IF_ERROR(server::AddFormatImportRoutes(router, services.auth, services.access,
                                                       services.format_imports));
  CHORUS_RETURN_IF_ERROR(server::AddModelBackendRoutes(router, services.auth, services.access,
                                                       services.model_backends));
  CHORUS_RETURN_IF_ERROR(server::AddMachineLabelRoutes(
      router, services.auth, services.access, services.auto_labelling, services.weak_labelling,
      services.machine_labels));
  CHORUS_RETURN_IF_ERROR(
      server::AddDiversityRoutes(router, services.auth, services.access, services.diversity));
  CHORUS_RETURN_IF_ERROR(
      server::AddDatasheetRoutes(router, services.auth, services.access, services.datasheets));
  CHORUS_RETURN_IF_ERROR(server::AddLabelStudioRoutes(router, services.auth, services.access,
                                                      services.label_studio));
  CHORUS_RETURN_IF_ERROR(
      server::AddAgreementRoutes(router, services.auth, services.access, services.agreement));
  CHORUS_RETURN_IF_ERROR(
      server::AddDashboardRoutes(router, services.auth, services.access, services.dashboard));
  CHORUS_RETURN_IF_ERROR(
      server::AddJobRoutes(router, services.auth, services.access, services.exports));
  CHORUS_RETURN_IF_ERROR(
      server::AddAggregateRoutes(router, services.auth, services.access, services.aggregation));
  CHORUS_RETURN_IF_ERROR(server::AddLearningRoutes(router, services.auth, services.access,
                                                   services.active_learning, services.suspects));
  server::MediaFetchRouteOptions media_fetch;
  media_fetch.fetcher = services.fetcher;
  media_fetch.limits = options.media_fetch;
  CHORUS_RETURN_IF_ERROR(
      server::AddMediaRoutes(router, services.auth, options.media_roots, media_fetch));
  CHORUS_RETURN_IF_ERROR(
      server::AddMediaUploadRoutes(router, services.auth, services.access, services.media_uploads));
  auto assets = std::make_shared<const server::StaticAssets>(
      options.web_dir ? options.web_dir->files() : ChorusWebAssets());
  // The lambda keeps the loaded directory alive: the table's views point into it.
  router.SetFallback([assets, web_dir = options.web_dir](const server::HttpRequest& request) {
    return assets->Serve(request);
  });
  return router;
}

}  // namespace chorus::app
