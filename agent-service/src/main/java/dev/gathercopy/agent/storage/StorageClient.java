package dev.gathercopy.agent.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.gathercopy.agent.config.AgentProperties;
import dev.gathercopy.agent.storage.StorageDtos.CopyRegion;
import dev.gathercopy.agent.storage.StorageDtos.CopyResult;
import dev.gathercopy.agent.storage.StorageDtos.Expected;
import dev.gathercopy.agent.storage.StorageDtos.Extent;
import dev.gathercopy.agent.storage.StorageDtos.FileInfo;
import dev.gathercopy.agent.storage.StorageDtos.GatherCopy;
import dev.gathercopy.agent.storage.StorageDtos.HandleInfo;
import dev.gathercopy.agent.storage.StorageDtos.Limits;
import dev.gathercopy.agent.storage.StorageDtos.OpenHandle;
import dev.gathercopy.agent.storage.StorageDtos.WriteResult;
import dev.gathercopy.agent.storage.StorageCallException.Failure;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The agent's way to the storage service: the handle protocol through the declarative {@link StorageApi}, downloads
 * streamed to disk, and every failure turned into a {@link StorageCallException}. Over https it trusts the configured
 * SSL bundle ({@code agent.storage.ssl-bundle}), or the JDK's trust store.
 */
@Component
public class StorageClient {

	private static final ParameterizedTypeReference<Map<String, Object>> PROBLEM = new ParameterizedTypeReference<>() {
	};

	private final RestClient rest;

	private final StorageApi api;

	private final JsonMapper json;

	StorageClient(AgentProperties properties, RestClient.Builder builder, JsonMapper json, SslBundles sslBundles) {
		AgentProperties.Storage storage = properties.storage();
		HttpClient.Builder http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(storage.connectTimeout());
		if (storage.sslBundle() != null && !storage.sslBundle().isBlank()) {
			http.sslContext(sslBundles.getBundle(storage.sslBundle()).createSslContext());
		}
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(new CountingHttpClient(http.build()));
		requests.setReadTimeout(storage.readTimeout());
		this.rest = builder.clone()
			.baseUrl(storage.url().toString())
			.requestFactory(requests)
			.defaultHeaders((headers) -> {
				if (storage.token() != null && !storage.token().isBlank()) {
					headers.setBearerAuth(storage.token());
				}
			})
			.build();
		this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(this.rest))
			.build()
			.createClient(StorageApi.class);
		this.json = json;
	}

	public Limits limits() {
		return call(this.api::limits);
	}

	/** Opens a read handle pinning {@code version} (412 from storage when the file moved on). */
	public HandleInfo openRead(String path, String version) {
		return call(() -> this.api.open(new OpenHandle(path, "read"), quoted(version)));
	}

	public HandleInfo openWrite(String path) {
		return call(() -> this.api.open(new OpenHandle(path, "write"), null));
	}

	/** Closes a handle, ignoring one that is already gone. */
	public void close(String handle) {
		try {
			call(() -> {
				this.api.close(handle);
				return null;
			});
		}
		catch (StorageCallException ex) {
			if (!ex.isStatus(404) && !ex.isStatus(410)) {
				throw ex;
			}
		}
	}

	public CopyResult gatherCopy(String destination, String source, List<CopyRegion> regions) {
		return call(() -> this.api.gatherCopy(destination, new GatherCopy(source, regions)));
	}

	/** Sends new bytes: the layout, then the data streamed from {@code data}. */
	public WriteResult scatterWrite(String handle, List<Extent> layout, Resource data) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		HttpEntity<String> layoutPart = new HttpEntity<>(this.json.writeValueAsString(layout), headers);
		return call(() -> this.api.scatterWrite(handle, layoutPart, data));
	}

	/** Commits a write handle if the remote file is still {@code baseVersion} (or absent, when that is null). */
	public FileInfo commit(String handle, String baseVersion, Expected expected) {
		return call(() -> this.api.commit(handle, quoted(baseVersion), (baseVersion == null) ? "*" : null, expected));
	}

	/** Streams the current remote file into {@code target}; 404 from storage when it does not exist. */
	public FileInfo download(String path, Path target) {
		return call(() -> this.rest.get()
			.uri((uri) -> uri.path("/api/v1/files").pathSegment(path.split("/")).build())
			.exchange((request, response) -> {
				if (response.getStatusCode().isError()) {
					throw new StorageCallException(Failure.ERROR, response.getStatusCode().value(),
							readProblem(response.getBody()), "storage answered " + response.getStatusCode(), null);
				}
				try (InputStream body = response.getBody()) {
					Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
				}
				HttpHeaders headers = response.getHeaders();
				String etag = headers.getETag();
				return new FileInfo(path, Files.size(target), (etag != null) ? etag.replace("\"", "") : null,
						Instant.ofEpochMilli(headers.getLastModified()));
			}));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> readProblem(InputStream body) {
		try {
			return this.json.readValue(body.readNBytes(64 * 1024), Map.class);
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
	}

	private static String quoted(String version) {
		return (version != null) ? "\"" + version + "\"" : null;
	}

	private static <T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			Map<String, Object> problem;
			try {
				problem = ex.getResponseBodyAs(PROBLEM);
			}
			catch (RuntimeException unreadable) {
				problem = Map.of();
			}
			throw new StorageCallException(Failure.ERROR, ex.getStatusCode().value(), problem,
					"storage answered " + ex.getStatusCode().value() + ": " + ((problem != null)
							? problem.getOrDefault("detail", "") : ""), ex);
		}
		catch (ResourceAccessException ex) {
			throw new StorageCallException(isTimeout(ex) ? Failure.TIMEOUT : Failure.UNAVAILABLE, 0, null,
					"storage unreachable: " + ex.getMostSpecificCause().getMessage(), ex);
		}
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
				return !(t instanceof java.net.http.HttpConnectTimeoutException);
			}
			if (t instanceof ConnectException) {
				return false;
			}
		}
		return false;
	}

}
