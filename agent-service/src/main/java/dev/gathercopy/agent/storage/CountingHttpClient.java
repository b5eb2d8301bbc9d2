package dev.gathercopy.agent.storage;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Wraps the JDK's HTTP/1.1 client so that every request's bytes go to the {@link RequestMeter} as the client writes
 * them on the connection: the request line, the headers it sends (its own Host, User-Agent, Content-Length or
 * Transfer-Encoding included), the body, and each chunk's size line and end when the body is chunked. Bytes of TLS
 * records and of TCP/IP are not counted.
 */
final class CountingHttpClient extends HttpClient {

	private static final String USER_AGENT = "Java-http-client/" + System.getProperty("java.version");

	/** Methods for which the client sends no {@code Content-Length: 0} when there is no body. */
	private static final Set<String> BODYLESS = Set.of("GET", "HEAD", "DELETE", "OPTIONS", "TRACE");

	private final HttpClient delegate;

	CountingHttpClient(HttpClient delegate) {
		this.delegate = delegate;
	}

	@Override
	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
			throws IOException, InterruptedException {
		return this.delegate.send(counted(request), handler);
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> handler) {
		return this.delegate.sendAsync(counted(request), handler);
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
			HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
		return this.delegate.sendAsync(counted(request), handler, pushPromiseHandler);
	}

	private static HttpRequest counted(HttpRequest request) {
		AtomicLong meter = RequestMeter.current();
		Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
		long length = body.map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
		meter.addAndGet(head(request, length));
		if (body.isEmpty() || length == 0) {
			return request;
		}
		HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri())
			.method(request.method(), new CountingPublisher(body.get(), meter, length < 0))
			.expectContinue(request.expectContinue());
		request.timeout().ifPresent(copy::timeout);
		request.version().ifPresent(copy::version);
		request.headers().map().forEach((name, values) -> values.forEach((value) -> copy.header(name, value)));
		return copy.build();
	}

	/** The request line and headers as the client writes them, with the blank line that ends them. */
	private static long head(HttpRequest request, long bodyLength) {
		URI uri = request.uri();
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String target = path + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		long bytes = utf8(request.method() + " " + target + " HTTP/1.1\r\n");
		boolean defaultPort = uri.getPort() == -1 || uri.getPort() == ("https".equals(uri.getScheme()) ? 443 : 80);
		bytes += utf8("Host: " + uri.getHost() + (defaultPort ? "" : ":" + uri.getPort()) + "\r\n");
		if (bodyLength > 0) {
			bytes += utf8("Content-Length: " + bodyLength + "\r\n");
		}
		else if (bodyLength < 0) {
			bytes += utf8("Transfer-encoding: chunked\r\n");
		}
		else if (!BODYLESS.contains(request.method())) {
			bytes += utf8("Content-Length: 0\r\n");
		}
		HttpHeaders headers = request.headers();
		if (headers.firstValue("User-Agent").isEmpty()) {
			bytes += utf8("User-Agent: " + USER_AGENT + "\r\n");
		}
		for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
			for (String value : header.getValue()) {
				bytes += utf8(header.getKey() + ": " + value + "\r\n");
			}
		}
		return bytes + 2;
	}

	private static long utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/** Counts a body's bytes as they are published, each buffer being one chunk when the body is chunked. */
	private record CountingPublisher(HttpRequest.BodyPublisher delegate, AtomicLong meter, boolean chunked)
			implements HttpRequest.BodyPublisher {

		@Override
		public long contentLength() {
			return this.delegate.contentLength();
		}

		@Override
		public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
			this.delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscriber.onSubscribe(subscription);
				}

				@Override
				public void onNext(ByteBuffer item) {
					int n = item.remaining();
					if (n > 0) {
						CountingPublisher.this.meter.addAndGet(CountingPublisher.this.chunked
								? Integer.toHexString(n).length() + 2 + n + 2 : n);
					}
					subscriber.onNext(item);
				}

				@Override
				public void onError(Throwable throwable) {
					subscriber.onError(throwable);
				}

				@Override
				public void onComplete() {
					if (CountingPublisher.this.chunked) {
						CountingPublisher.this.meter.addAndGet("0\r\n\r\n".length());
					}
					subscriber.onComplete();
				}

			});
		}

	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return this.delegate.cookieHandler();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return this.delegate.connectTimeout();
	}

	@Override
	public Redirect followRedirects() {
		return this.delegate.followRedirects();
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return this.delegate.proxy();
	}

	@Override
	public SSLContext sslContext() {
		return this.delegate.sslContext();
	}

	@Override
	public SSLParameters sslParameters() {
		return this.delegate.sslParameters();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return this.delegate.authenticator();
	}

	@Override
	public Version version() {
		return this.delegate.version();
	}

	@Override
	public Optional<Executor> executor() {
		return this.delegate.executor();
	}

}
