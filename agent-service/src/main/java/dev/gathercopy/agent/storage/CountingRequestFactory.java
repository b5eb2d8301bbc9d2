package dev.gathercopy.agent.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Wraps a request factory so that every request's bytes go to the {@link RequestMeter}: the body as streamed, and the
 * request line and headers as they go on the wire (the client's own Host, User-Agent and framing headers included).
 */
final class CountingRequestFactory implements ClientHttpRequestFactory {

	/** The headers the JDK client adds by itself, as it writes them. */
	private static final int CLIENT_HEADERS = "User-Agent: Java-http-client/25.0.1\r\n".length();

	private final ClientHttpRequestFactory delegate;

	CountingRequestFactory(ClientHttpRequestFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return new CountingRequest(this.delegate.createRequest(uri, httpMethod));
	}

	private static final class CountingRequest implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final ClientHttpRequest delegate;

		private final AtomicLong meter = RequestMeter.current();

		CountingRequest(ClientHttpRequest delegate) {
			this.delegate = delegate;
		}

		@Override
		public HttpMethod getMethod() {
			return this.delegate.getMethod();
		}

		@Override
		public URI getURI() {
			return this.delegate.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.delegate.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

		@Override
		public OutputStream getBody() throws IOException {
			return new CountingStream(this.delegate.getBody(), this.meter);
		}

		@Override
		public void setBody(Body body) {
			if (this.delegate instanceof StreamingHttpOutputMessage streaming) {
				streaming.setBody(new Body() {

					@Override
					public void writeTo(OutputStream out) throws IOException {
						body.writeTo(new CountingStream(out, CountingRequest.this.meter));
					}

					@Override
					public boolean repeatable() {
						return body.repeatable();
					}

				});
			}
			else {
				try (OutputStream out = getBody()) {
					body.writeTo(out);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			this.meter.addAndGet(headerBytes());
			return this.delegate.execute();
		}

		private long headerBytes() {
			URI uri = getURI();
			String target = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			long bytes = (getMethod().name() + " " + target + " HTTP/1.1\r\n").length();
			bytes += ("Host: " + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "") + "\r\n").length();
			for (Map.Entry<String, List<String>> header : getHeaders().headerSet()) {
				for (String value : header.getValue()) {
					bytes += (header.getKey() + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8).length;
				}
			}
			if (!getHeaders().containsHeader(HttpHeaders.CONTENT_LENGTH)) {
				bytes += "Content-Length: 0\r\n".length();
			}
			return bytes + CLIENT_HEADERS + 2;
		}

	}

	private static final class CountingStream extends FilterOutputStream {

		private final AtomicLong meter;

		CountingStream(OutputStream out, AtomicLong meter) {
			super(out);
			this.meter = meter;
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			this.meter.incrementAndGet();
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
			this.meter.addAndGet(len);
		}

	}

}
