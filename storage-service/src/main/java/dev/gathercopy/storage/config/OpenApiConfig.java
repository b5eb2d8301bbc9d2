package dev.gathercopy.storage.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.write.Extent;
import dev.gathercopy.web.openapi.ApiDocs;
import dev.gathercopy.web.openapi.SchemaDocs;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.gathercopy.web.openapi.ApiDocs.tag;

/**
 * The storage API's OpenAPI description. Controllers declare each error response with its status and a description
 * built from the problem types below; {@link #problemResponses()} gives every error response its
 * {@code application/problem+json} content, declares the {@code Problem} schema they refer to, and adds the 401 that
 * the bearer-token filter may answer anywhere.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

	public static final String BEARER = ApiDocs.BEARER;

	public static final String HANDLE_ID = "The handle's id: `handle` in the answer of opening it";

	private static final String TYPE = ProblemKind.TYPE_BASE;

	private static final String MULTIPART = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;

	public static final String INVALID_PATH = "- `" + TYPE + "invalid-path`: the path is empty, absolute, has an "
			+ "empty, `.` or `..` segment, a backslash or a control character, starts with `.gathercopy`, or names a "
			+ "folder\n";

	public static final String INVALID_PRECONDITION = "- `" + TYPE + "invalid-request`: `If-Match` or "
			+ "`If-None-Match` holds something other than quoted versions or `*`\n";

	public static final String INVALID_REGION = "- `" + TYPE + "invalid-region`: a region has a missing or negative "
			+ "offset, a length that is not positive, or an end that overflows; `regionIndex` and `field` name it\n";

	public static final String LAYOUT_MISMATCH = "- `" + TYPE + "layout-mismatch`: the data part is shorter or longer "
			+ "than the layout's lengths add up to (`layoutBytes`, `dataBytes`)\n";

	public static final String FORBIDDEN = "- `" + TYPE + "forbidden`: the path lies outside the token's prefix\n";

	public static final String READ_ONLY_HANDLE = "- `" + TYPE + "read-only-handle`: the handle was opened for "
			+ "reading\n";

	public static final String FILE_NOT_FOUND = "- `" + TYPE + "file-not-found`: no file at this path\n";

	public static final String HANDLE_NOT_FOUND = "- `" + TYPE + "handle-not-found`: no open handle with this id for "
			+ "this token (never opened, another token's, closed, swept, committed or being committed)\n";

	public static final String HANDLE_EXPIRED = "- `" + TYPE + "handle-expired`: the handle was idle for longer than "
			+ "the TTL; it and its staged data are gone\n";

	public static final String PRECONDITION_FAILED = "- `" + TYPE + "precondition-failed`: `If-Match` / "
			+ "`If-None-Match` does not hold for the file as it is now; `currentVersion` tells it (null when there is "
			+ "no file)\n";

	public static final String VERSION_GONE = "- `" + TYPE + "version-gone`: a read handle's pinned version was "
			+ "replaced or deleted and the storage could not keep a link to it\n";

	public static final String REQUEST_TOO_LARGE = "- `" + TYPE + "request-too-large`: more regions or bytes than "
			+ "one request may hold (`maxRegionsPerRequest`, `maxBytesPerRequest`), or a JSON body longer than "
			+ "those regions need (`maxJsonBytes`)\n";

	public static final String JSON_TOO_LARGE = "- `" + TYPE + "request-too-large`: the JSON body is longer than "
			+ "`maxJsonBytes`, a bound that only a gather-copy of the most regions comes near\n";

	public static final String BYTES_LABELLED_JSON = "- `" + TYPE + "request-too-large`: the body was sent with a "
			+ "JSON `Content-Type`, which bounds it like any JSON body (`maxJsonBytes`); send bytes as "
			+ "`application/octet-stream`\n";

	public static final String FILE_TOO_LARGE = "- `" + TYPE + "file-too-large`: the write would take the file past "
			+ "`maxFileSize`\n";

	public static final String SOURCE_RANGE_NOT_SATISFIABLE = "- `" + TYPE + "source-range-not-satisfiable`: a "
			+ "region reads past the end of the source (`regionIndex`, `sourceSize`)\n";

	public static final String RANGE_NOT_SATISFIABLE = "- `" + TYPE + "range-not-satisfiable`: the range starts at "
			+ "or past the end of the file; `Content-Range: bytes */<size>` tells the size\n";

	public static final String VERIFICATION_FAILED = "- `" + TYPE + "verification-failed`: the staged file's size "
			+ "or SHA-256 is not the expected one (`expectedSize`/`actualSize`, `expectedSha256`/`actualSha256`); "
			+ "nothing landed and the handle stays open\n";

	public static final String TOO_MANY_HANDLES = "- `" + TYPE + "too-many-handles`: `maxOpenHandles` are open "
			+ "already; close or commit some first\n";

	public static final String INSUFFICIENT_STORAGE = "- `" + TYPE + "insufficient-storage`: the storage volume is "
			+ "full; nothing was committed\n";

	@Bean
	OpenAPI storageOpenApi() {
		return ApiDocs.openApi(new Info().title("Gathercopy storage API")
				.version("v1")
				.description("Files, handles, server-side gather-copy, scatter-write and atomic commit.\n\n"
						+ "To update a file: open a read handle on it (pins its version) and a write handle (stages a "
						+ "new, empty file), gather-copy the regions the new version shares with the old one, "
						+ "scatter-write the new bytes, and commit with `If-Match: \"<version>\"`. Unchanged bytes "
						+ "never cross the network.\n\n"
						+ "Every error is an RFC 9457 problem (`application/problem+json`) whose `type` is a stable "
						+ "URI under `" + TYPE + "`; each error response below names the types it can carry. Any "
						+ "operation may also answer 500 with type `" + TYPE + "internal-error`."),
				List.of(tag("files", "Whole files: list, upload, download, delete."),
					tag("handles", "Read handles pin a version; write handles stage a new file until it is committed."),
					tag("gather-copy", "Server-side copies of regions from one handle into a write handle."),
					tag("writes", "New bytes from the client into a write handle."),
					tag("commit", "Atomic landing of a write handle's staged file."),
					tag("limits", "The bounds this server puts on requests, files and handles.")));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return ApiDocs.problemResponses(TYPE, "`field`, `regionIndex`, `handle`, `path` or `currentVersion`");
	}

	/**
	 * Keeps the parts of a multipart body in the order they are declared, which is the order the server reads them in
	 * and Swagger UI sends them in (the writer sorts every other map by key, but leaves a sorted map as it is), and
	 * gives a part sent as JSON text (a string with a {@code contentSchema}) its examples as text, ready to send.
	 */
	@Bean
	OpenApiCustomizer multipartParts() {
		return (openApi) -> openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
			if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
				return;
			}
			MediaType multipart = operation.getRequestBody().getContent().get(MULTIPART);
			if (multipart != null && multipart.getSchema().getProperties() != null) {
				Map<String, Schema> declared = multipart.getSchema().getProperties();
				List<String> order = List.copyOf(declared.keySet());
				Map<String, Schema> parts = new TreeMap<>(Comparator.comparingInt(order::indexOf));
				parts.putAll(declared);
				parts.values()
					.stream()
					.filter((part) -> part.getContentSchema() != null)
					.forEach(OpenApiConfig::examplesAsText);
				multipart.getSchema().setProperties(parts);
			}
		}));
	}

	/**
	 * Describes the request and response bodies, whose records carry no OpenAPI annotations of their own, after adding
	 * {@link Extent}, which only a {@code contentSchema} refers to and springdoc does not collect.
	 */
	@Bean
	OpenApiCustomizer schemaDescriptions() {
		return (openApi) -> {
			ModelConverters.getInstance(true)
				.read(Extent.class)
				.forEach(openApi.getComponents().getSchemas()::putIfAbsent);
			SchemaDocs docs = new SchemaDocs(openApi.getComponents().getSchemas());
			docs.describe("FileInfo", "A file as the API tells it.", "path", "The file's path below the root", "size",
					"Its size in bytes", "version", "Its opaque, strong version: the ETag without quotes",
					"modifiedAt", "When this version landed");
			docs.describe("Listing", "One page of a listing.", "files", "The files of this page, sorted by path",
					"next", "The cursor for the next page (pass it as `after`), null on the last page");
			docs.nullable("Listing", "next");
			docs.describe("OpenHandleRequest", "What to open a handle on.", "path", "The file's path below the root",
					"mode", "`read` pins the current version; `write` stages a new file");
			docs.require("OpenHandleRequest", "path", "mode");
			docs.describe("HandleInfo", "An open handle.", "handle", "The handle's id, for the handle operations",
					"path", "The file's path", "mode", "`read` or `write`", "size",
					"Bytes in the pinned version (read) or in the staged file so far (write)", "version",
					"The pinned version (read), or the file's version when the write handle was opened, null if there "
							+ "was no file",
					"expiresAt", "When the handle expires unless used again");
			docs.nullable("HandleInfo", "version");
			docs.describe("GatherCopyRequest", "A gather-copy: where to copy from, and what.", "source",
					"The handle to copy from: a read handle, or a write handle (this one too)", "regions",
					"The regions to copy, applied in this order");
			docs.require("GatherCopyRequest", "source");
			docs.describe("Region", "`length` bytes from `sourceOffset` of the source to `destinationOffset` of the "
					+ "staged file.", "sourceOffset", "Where the bytes start in the source; not negative",
					"destinationOffset", "Where they go in the staged file; not negative", "length",
					"How many bytes; positive");
			docs.require("Region", "sourceOffset", "destinationOffset", "length");
			docs.describe("GatherCopyResult", "What a gather-copy did.", "regionsCopied", "Regions copied",
					"bytesCopied", "Bytes copied", "size", "The staged file's size afterwards");
			docs.describe("Extent", "Where one run of the data part goes.", "destinationOffset",
					"Where the run goes in the staged file; not negative", "length", "How many bytes; positive");
			docs.require("Extent", "destinationOffset", "length");
			docs.describe("ScatterWriteResult", "What a scatter-write did.", "regionsWritten", "Extents written",
					"bytesWritten", "Bytes written", "size", "The staged file's size afterwards");
			docs.describe("DataWriteResult", "What a data write did.", "bytesWritten", "Bytes written", "size",
					"The staged file's size afterwards");
			docs.describe("CommitRequest", "What the staged file must be for the commit to land.", "size",
					"Its size in bytes", "sha256", "Its SHA-256, 64 hex digits");
			docs.describe("Limits", "The bounds this server enforces.", "maxRegionsPerRequest",
					"Regions in one gather-copy, or extents in one scatter-write", "maxBytesPerRequest",
					"Bytes one gather-copy, scatter-write or data write may move", "maxFileSize",
					"The size no copy or write may take a file past", "maxOpenHandles",
					"Handles that may be open at once", "handleTtlSeconds",
					"Idle seconds after which a handle expires");
		};
	}

	@SuppressWarnings("unchecked")
	private static void examplesAsText(Schema<?> part) {
		if (part.getExamples() != null) {
			((Schema<Object>) part).setExamples(part.getExamples()
				.stream()
				.map((example) -> (example instanceof String) ? example : asJson(example))
				.toList());
		}
	}

	private static String asJson(Object example) {
		try {
			return Json31.mapper().writeValueAsString(example);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
