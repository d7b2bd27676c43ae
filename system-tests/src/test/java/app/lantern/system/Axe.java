package app.lantern.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility engine, MPL-2.0, from npm) run in the page a browser shows: the WCAG 2.x A and AA
 * rules and best practices, as a browser extension would run them.
 */
final class Axe {

	/** The version that resolves on the registry this machine reaches. */
	static final String VERSION = "4.11.0";

	private static final Path HOME = Path.of("target", "axe");

	private static String script;

	private Axe() {
	}

	/** axe-core from npm into target/axe, once per build (npm is Debian's; .ci/run installs it when missing). */
	static synchronized String script() throws IOException, InterruptedException {
		if (script != null) {
			return script;
		}
		Path file = HOME.resolve("node_modules/axe-core/axe.min.js");
		if (!Files.exists(file) || !Files.readString(HOME.resolve("node_modules/axe-core/package.json"))
			.contains("\"version\": \"" + VERSION + "\"")) {
			Files.createDirectories(HOME);
			// npm's output to a file of its own: the test JVM's stdout is surefire's channel, which it would corrupt
			Path log = HOME.resolve("npm.log");
			Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
					HOME.toAbsolutePath().toString(), "axe-core@" + VERSION)
				.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
						new java.io.File("/dev/null"))).start();
			if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
				throw new IllegalStateException("npm could not install axe-core " + VERSION + "; see " + log);
			}
		}
		script = Files.readString(file);
		return script;
	}

	/** Each serious or critical violation on the page: "rule (impact): the first offending element". */
	@SuppressWarnings("unchecked")
	static List<String> seriousViolations(WebDriver browser) throws IOException, InterruptedException {
		JavascriptExecutor page = (JavascriptExecutor) browser;
		page.executeScript(script());
		Object result = page.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then(results => done(results.violations.map(v => ({ id: v.id, impact: v.impact,
				    target: v.nodes.length ? String(v.nodes[0].target) : '', help: v.help }))))
				  .catch(error => done([{ id: 'axe-failed', impact: 'critical', target: '', help: String(error) }]));""");
		return ((List<Map<String, Object>>) result).stream()
			.filter(violation -> List.of("serious", "critical").contains(violation.get("impact")))
			.map(violation -> violation.get("id") + " (" + violation.get("impact") + "): " + violation.get("help") + " at "
					+ violation.get("target"))
			.toList();
	}
}
