package app.lantern.checkin.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies over 64 KiB get 413 before anything reads them: by their Content-Length, or, for a body
 * sent in chunks, by reading at most one byte past the limit. A spreadsheet of clients ({@code POST
 * /api/clients/import}, or the console's upload) may be up to 8 MiB: 20,000 rows of a few hundred bytes. A form posted in chunks is read by Tomcat, which
 * stops at {@code server.tomcat.max-http-form-post-size} (the same limit) and says why: that too is 413, not a form
 * with its fields silently missing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {

	static final int LIMIT = 64 * 1024;

	static final int IMPORT_LIMIT = 8 * 1024 * 1024;

	/** Where a spreadsheet of clients is posted: the API, and the console's upload. */
	private static final Set<String> IMPORTS = Set.of("/api/clients/import", "/clients/import");

	private static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		int limit = "POST".equals(request.getMethod()) && IMPORTS.contains(request.getRequestURI()) ? IMPORT_LIMIT
				: LIMIT;
		if (declared > limit) {
			tooLarge(response, limit);
			return;
		}
		boolean form = request.getContentType() != null
				&& request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		if (declared < 0 && form && hasBody(request)) {
			request.getParameterMap();
			// Tomcat's Globals.PARAMETER_PARSE_FAILED_REASON_ATTR, a Parameters.FailReason
			if (String.valueOf(request.getAttribute(PARSE_FAILED_REASON)).equals("POST_TOO_LARGE")) {
				tooLarge(response, LIMIT);
				return;
			}
		}
		if (declared < 0 && !form && hasBody(request)) {
			byte[] body = request.getInputStream().readNBytes(limit + 1);
			if (body.length > limit) {
				tooLarge(response, limit);
				return;
			}
			chain.doFilter(new BufferedBody(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getHeader("Transfer-Encoding") != null;
	}

	private static void tooLarge(HttpServletResponse response, int limit) throws IOException {
		response.setStatus(413);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
					+ "\"detail\":\"Request bodies are limited to " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MiB"
							: limit / 1024 + " KiB") + "\"}");
	}

	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
