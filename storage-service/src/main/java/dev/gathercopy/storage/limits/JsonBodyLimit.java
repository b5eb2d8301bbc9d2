package dev.gathercopy.storage.limits;

import java.io.IOException;

import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import dev.gathercopy.web.problem.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds JSON request bodies (the largest is a gather-copy of the maximum number of regions) so that no request can
 * make the service parse an unbounded document into memory. File bytes are not JSON and are bounded elsewhere.
 */
class JsonBodyLimit extends OncePerRequestFilter {

	/** JSON bytes one region may take, generously. */
	static final int BYTES_PER_REGION = 128;

	private final long maxBytes;

	private final JsonMapper json;

	JsonBodyLimit(RequestLimits limits, JsonMapper json) {
		this.maxBytes = 64 * 1024 + (long) limits.limits().maxRegionsPerRequest() * BYTES_PER_REGION;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isJson(request.getContentType())) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.maxBytes) {
			reject(request, response);
			return;
		}
		chain.doFilter(new Bounded(request, this.maxBytes), response);
	}

	private static boolean isJson(String contentType) {
		try {
			return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("Connection", "close");
		ServletProblems.write(response, this.json, new StorageException(ProblemKind.REQUEST_TOO_LARGE,
				"JSON bodies are limited to " + this.maxBytes + " bytes").with("maxJsonBytes", this.maxBytes),
				request.getRequestURI());
	}

	/** A request whose body stream fails once it passes the limit (for bodies sent without a length). */
	private static final class Bounded extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Bounded(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream in = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] b, int off, int len) throws IOException {
						int n = in.read(b, off, len);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) {
						this.read += n;
						if (this.read > Bounded.this.maxBytes) {
							throw new StorageException(ProblemKind.REQUEST_TOO_LARGE,
									"JSON bodies are limited to " + Bounded.this.maxBytes + " bytes")
								.with("maxJsonBytes", Bounded.this.maxBytes);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}

				};
			}
			return this.stream;
		}

	}

}
