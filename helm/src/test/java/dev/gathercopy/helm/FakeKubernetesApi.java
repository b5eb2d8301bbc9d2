package dev.gathercopy.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The few Kubernetes API paths the chart's {@code lookup} of its Secret reads, served on loopback. The embedded Helm of
 * helm-java performs lookups even while templating, against the cluster of $KUBECONFIG (or localhost:8080 without one,
 * where a storage service may well be listening); the build points $KUBECONFIG at the file this class writes.
 */
final class FakeKubernetesApi {

	private static final String RESOURCES = """
			{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
			{"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";

	private static final String NOT_FOUND = """
			{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"NotFound","code":404}""";

	private static FakeKubernetesApi instance;

	private final Map<String, String> secrets = new ConcurrentHashMap<>();

	private FakeKubernetesApi() {
		String kubeconfig = System.getenv("KUBECONFIG");
		if (kubeconfig == null) {
			throw new IllegalStateException("KUBECONFIG is not set: run these tests through Maven (helm/pom.xml sets it)");
		}
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "fake-kubernetes-api");
				thread.setDaemon(true);
				return thread;
			}));
			server.createContext("/", this::handle);
			server.start();
			Path file = Path.of(kubeconfig);
			Files.createDirectories(file.getParent());
			Files.writeString(file, """
					apiVersion: v1
					kind: Config
					clusters:
					  - name: fake
					    cluster:
					      server: http://127.0.0.1:%d
					users:
					  - name: fake
					    user: {}
					contexts:
					  - name: fake
					    context:
					      cluster: fake
					      user: fake
					current-context: fake
					""".formatted(server.getAddress().getPort()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static synchronized FakeKubernetesApi start() {
		if (instance == null) {
			instance = new FakeKubernetesApi();
		}
		return instance;
	}

	/** Makes the API answer with a Secret holding {@code key: value}, as after an earlier install. */
	void putSecret(String namespace, String name, String key, String value) {
		String data = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
		this.secrets.put(namespace + "/" + name, """
				{"kind":"Secret","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque",
				"data":{"%s":"%s"}}""".formatted(name, namespace, key, data));
	}

	void clear() {
		this.secrets.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String[] segments = path.split("/");
		if (path.equals("/api/v1")) {
			reply(exchange, 200, RESOURCES);
		}
		else if (segments.length == 7 && path.startsWith("/api/v1/namespaces/") && segments[5].equals("secrets")
				&& this.secrets.containsKey(segments[4] + "/" + segments[6])) {
			reply(exchange, 200, this.secrets.get(segments[4] + "/" + segments[6]));
		}
		else {
			reply(exchange, 404, NOT_FOUND);
		}
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
