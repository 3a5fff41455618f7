#include "app/serve.h"

#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>

#include "app/api_router.h"
#include "app/open_store.h"
#include "core/clock.h"
#include "server/server.h"
#include "service/demo_seed.h"
#include "service/housekeeping.h"
#include "service/outbound/fetch_policy.h"

namespace chorus::app {
namespace {

// Descriptors the server needs besides its connections: database files and pool connections,
// uploads being spooled, export files, the listener.
constexpr size_t kFilesBesideConnections = 256;

// Each connection is a file descriptor: lift the soft limit to the hard one so the connection
// cap, not the default of 1024 descriptors, is what limits clients. Past the limit accept()
// would fail instead of answering 503, so the cap must fit under it: a cap asked for that does
// not is refused before anything starts; the default shrinks to fit (noted on `err`).
Result<size_t> ConnectionCap(std::optional<size_t> asked, std::ostream& err) {
  const size_t wanted = asked.value_or(server::ServerOptions{}.max_connections);
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) getrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur == RLIM_INFINITY || wanted + kFilesBesideConnections <= limit.rlim_cur) {
    return wanted;
  }
  const size_t fits =
      limit.rlim_cur > kFilesBesideConnections + 1 ? limit.rlim_cur - kFilesBesideConnections : 1;
  const std::string advice = "raise the limit (ulimit -n, or LimitNOFILE= under systemd)";
  if (!asked) {
    err << "chorus serve: at most " << fits << " connections, as this process may open only "
        << limit.rlim_cur << " files; for " << wanted << ", " << advice << std::endl;
    return fits;
  }
  return Status(StatusCode::kInvalidArgument,
                std::to_string(wanted) + " connections need " +
                    std::to_string(wanted + kFilesBesideConnections) +
                    " file descriptors but this process may open " +
                    std::to_string(limit.rlim_cur) + "; lower --max-connections to " +
                    std::to_string(fits) + " or " + advice,
                "--max-connections");
}

// SIGINT and SIGTERM blocked for the object's lifetime, to be taken with Wait().
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  ~StopSignals() { pthread_sigmask(SIG_UNBLOCK, &set_, nullptr); }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  // Blocks until one arrives; returns its number.
  int Wait() {
    int received = 0;
    sigwait(&set_, &received);
    return received;
  }

 private:
  sigset_t set_;
};

// DATA/NAME for the server's own files (uploads being spooled, export files): private, and
// emptied at start (jobs do not survive a restart; a crash may have left partial files).
Result<std::string> PrepareScratchDir(const std::string& data_dir, const char* name) {
  const std::filesystem::path dir = std::filesystem::path(data_dir) / name;
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Status(StatusCode::kInvalidArgument,
                  "cannot create " + dir.string() + " (" + error.message() +
                      "); choose a writable --data directory",
                  "--data");
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, error);
  return dir.string();
}

// DATA/media, where uploaded media files live: created when missing and never emptied (tasks
// name these files); only temporary files a crash left behind are removed.
Result<std::string> PrepareMediaDir(const std::string& data_dir) {
  const std::filesystem::path dir = std::filesystem::path(data_dir) / "media";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Status(StatusCode::kInvalidArgument,
                  "cannot create " + dir.string() + " (" + error.message() +
                      "); choose a writable --data directory",
                  "--data");
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, error);
  for (const auto& project : std::filesystem::directory_iterator(dir, error)) {
    if (!project.is_directory(error)) continue;
    for (const auto& file : std::filesystem::directory_iterator(project.path(), error)) {
      const std::string name = file.path().filename().string();
      if (name.starts_with(".upload-") && name.ends_with(".part")) {
        std::filesystem::remove(file.path(), error);
      }
    }
  }
  return dir.string();
}

// The id of an administrator to own the demo project: the first one listed.
Result<int64_t> AnyAdmin(store::Store& store) {
  store::PageRequest page{0, 1000};
  while (true) {
    auto users = store.users().List(page);
    if (!users.ok()) return users.status();
    for (const domain::User& user : users->items) {
      if (user.role == domain::Role::kAdmin && !user.disabled) return user.id;
    }
    if (users->next_after_id == 0) break;
    page.after_id = users->next_after_id;
  }
  return Status(StatusCode::kFailedPrecondition,
                "no active administrator to own the demo project; enable one or start without "
                "--demo");
}

}  // namespace

Status RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  // Blocked before any thread starts (the store's writer, the server's pools), so every thread
  // inherits the mask and only sigwait below receives them.
  StopSignals signals;
  // A server outlives whoever reads its output: a closed stdout pipe must not kill it.
  signal(SIGPIPE, SIG_IGN);
  // A typo in --listen is reported before anything is created on disk.
  if (auto address = server::ParseListenAddress(options.listen); !address.ok()) {
    return address.status();
  }
  auto max_connections = ConnectionCap(options.max_connections, err);
  if (!max_connections.ok()) return max_connections.status();
  // So is a directory that does not exist: the roots are made canonical once, here.
  auto import_roots = AllowedRoots::Make(options.import_dirs, "--import-dir");
  if (!import_roots.ok()) return import_roots.status();
  auto media_roots = AllowedRoots::Make(options.media_dirs, "--media-dir");
  if (!media_roots.ok()) return media_roots.status();
  auto fetch_policy = service::FetchPolicy::Make(options.allow_fetch, "--allow-fetch");
  if (!fetch_policy.ok()) return fetch_policy.status();
  std::shared_ptr<const WebDir> web_dir;
  if (!options.web_dir.empty()) {
    auto loaded = WebDir::Load(options.web_dir);
    if (!loaded.ok()) return loaded.status();
    web_dir = std::move(*loaded);
  }
  auto opened = OpenStore(options.db, options.data_dir);
  if (!opened.ok()) return opened.status();
  store::Store& store = *opened->store;
  auto exports = PrepareScratchDir(options.data_dir, "exports");
  if (!exports.ok()) return exports.status();
  auto uploads = PrepareScratchDir(options.data_dir, "uploads");
  if (!uploads.ok()) return uploads.status();
  auto media = PrepareMediaDir(options.data_dir);
  if (!media.ok()) return media.status();
  OutboundServiceOptions outbound;
  outbound.fetch_policy = *fetch_policy;
  outbound.uploads_dir = *uploads;
  const ApiServices services = MakeServices(store, {}, *exports, outbound, *media);
  auto admin = services.auth->BootstrapAdmin(options.admin_email, options.admin_password);
  if (!admin.ok()) return admin.status();
  std::vector<service::DemoProjectSeed> demo;
  if (options.demo) {
    auto owner = AnyAdmin(store);
    if (!owner.ok()) return owner.status();
    auto seeded = service::SeedDemo(store, *owner, NowUnixMillis());
    if (!seeded.ok()) return seeded.status();
    demo = std::move(*seeded);
  }
  ApiRouterOptions router_options;
  router_options.version = options.version;
  router_options.secure_cookies = options.secure_cookies;
  router_options.import_roots = std::move(*import_roots);
  router_options.media_roots = std::move(*media_roots);
  router_options.web_dir = web_dir;
  router_options.export_spool_dir = *exports;
  auto router = BuildApiRouter(services, router_options);
  if (!router.ok()) return router.status();

  server::ServerOptions server_options;
  server_options.listen = options.listen;
  server_options.max_connections = *max_connections;
  server_options.spool_dir = *uploads;
  server::Server server(std::move(*router), std::move(server_options));
  CHORUS_RETURN_IF_ERROR(server.Start());
  service::Housekeeping housekeeping(store, NowUnixMillis);
  out << "Chorus is listening on " << server.url() << "/ (Ctrl-C stops it)" << std::endl;
  if (admin->has_value() && !(*admin)->generated_password.empty()) {
    out << "First administrator: " << (*admin)->user.email << " with the one-time password "
        << (*admin)->generated_password << " (shown only now; change it after logging in)"
        << std::endl;
  }
  out << "Data: " << opened->description << std::endl;
  if (web_dir) out << "Web app: from " << options.web_dir << " (read at start)" << std::endl;
  if (!fetch_policy->rules().empty()) {
    out << "Outbound fetches may reach public addresses and";
    for (const service::AllowRule& rule : fetch_policy->rules()) out << " " << rule.ToString();
    out << std::endl;
  }
  for (const service::DemoProjectSeed& project : demo) {
    out << "Demo project \"" << project.name << "\" ("
        << (project.tasks_added > 0 ? std::to_string(project.tasks_added) + " tasks added"
                                    : std::string("already there"))
        << ")" << std::endl;
  }
  if (!demo.empty()) {
    out << "Next: open the URL, log in, choose a demo project and press \"Start labelling\"."
        << std::endl;
  }

  const int received = signals.Wait();
  err << "chorus serve: " << (received == SIGINT ? "SIGINT" : "SIGTERM")
      << " received; finishing requests in flight" << std::endl;
  server.Stop();
  // The job runner cancels running jobs as the services go (each stops at its next page or
  // batch); say which, so their owners know to start them again.
  for (const service::Job& job : services.jobs->Running()) {
    err << "chorus serve: cancelling background job " << job.id << " (" << job.kind
        << " of project " << job.project_id << ", " << job.done << " of " << job.total
        << " done); start it again after the restart" << std::endl;
  }
  return Status::Ok();
}

}  // namespace chorus::app
