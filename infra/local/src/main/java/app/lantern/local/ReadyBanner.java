package app.lantern.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the launcher prints once the stack is ready: where everything is, the login, the demo clients' pages. */
final class ReadyBanner {

	private ReadyBanner() {
	}

	static void print(Duration took, String adminPassword, Path data, List<String> demoClients) {
		String demo = String.join("\n                   ", demoClients);
		long seconds = took.toMillis();
		System.out.printf("""

				  Lantern is ready (%.1f s)

				  Staff console    http://localhost:8080/            sign in as admin / %s
				  Staff API        http://localhost:8080/api/clients (HTTP Basic, same login)
				  Sandbox outbox   http://localhost:8080/sandbox (GET /api/sandbox/messages, same login)
				  alert-service    http://localhost:8081/actuator/health
				  Metrics          http://localhost:{9080,8081,8082}/actuator/prometheus (checkin-service's on its management port)
				  Data             %s
				  Demo data        %s

				  Try it:  open a check-in page above, or text as a client at http://localhost:8080/sandbox, or
				           curl -u admin:%s -H 'Content-Type: application/json' \\
				             -d '{"clientId":"<a demo client id>","craving":9}' http://localhost:8080/api/checkins
				  Ctrl-C stops everything; the data stays for the next start.

				""", seconds / 1000.0, adminPassword, data, demo, adminPassword);
		System.out.flush();
	}
}
