#include "app/serve.h"

#include <signal.h>
#include <sys/resource.h>

#include <ostream>

#include "app/web_assets.h"
#include "server/health_route.h"
#include "server/server.h"
#include "server/static_assets.h"

namespace chorus::app {
namespace {

// Each connection is a file descriptor: lift the soft limit to the hard one so the
// connection cap, not the default of 1024 descriptors, is what limits clients.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

Status RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  server::Router router;
  CHORUS_RETURN_IF_ERROR(server::AddHealthRoute(router, options.version));
  auto assets = std::make_shared<const server::StaticAssets>(ChorusWebAssets());
  router.SetFallback(
      [assets](const server::HttpRequest& request) { return assets->Serve(request); });

  // Block the stop signals before any thread starts so every thread inherits the mask and
  // only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  RaiseFileLimit();
  server::ServerOptions server_options;
  server_options.listen = options.listen;
  server::Server server(std::move(router), std::move(server_options));
  CHORUS_RETURN_IF_ERROR(server.Start());
  out << "Chorus is listening on " << server.url() << "/ (Ctrl-C stops it)" << std::endl;

  int received = 0;
  sigwait(&signals, &received);
  err << "chorus serve: " << (received == SIGINT ? "SIGINT" : "SIGTERM")
      << " received; finishing requests in flight" << std::endl;
  server.Stop();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  return Status::Ok();
}

}  // namespace chorus::app
