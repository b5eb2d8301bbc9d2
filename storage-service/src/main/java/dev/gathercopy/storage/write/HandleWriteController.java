package dev.gathercopy.storage.write;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.config.OpenApiConfig;
import dev.gathercopy.storage.limits.RequestLimits;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import dev.gathercopy.storage.write.WriteResults.DataWriteResult;
import dev.gathercopy.storage.write.WriteResults.ScatterWriteResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "writes")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class HandleWriteController {

	private static final TypeReference<List<Extent>> LAYOUT = new TypeReference<>() {
	};

	private static final String LAYOUT_PART = "Where the runs of `data` go, in order: one JSON array of "
			+ "`{destinationOffset, length}`, sent as the part's text";

	private static final String LAYOUT_EXAMPLE = "[{\"destinationOffset\": 8192, \"length\": 5}]";

	private static final String DATA_PART = "The runs' bytes, concatenated: exactly as many as the layout's lengths "
			+ "add up to";

	/** JSON bytes one layout entry may take, generously, to bound the layout part. */
	private static final int BYTES_PER_EXTENT = 128;

	private final HandleWrites writes;

	private final JsonMapper json;

	private final int maxLayoutBytes;

	HandleWriteController(HandleWrites writes, JsonMapper json, RequestLimits limits) {
		this.writes = writes;
		this.json = json;
		this.maxLayoutBytes = (int) Math.min(Integer.MAX_VALUE - 8,
				4096L + (long) limits.limits().maxRegionsPerRequest() * BYTES_PER_EXTENT);
	}

	@Operation(operationId = "writeData", summary = "Write one run of bytes at an offset",
			description = "Streams the body into the write handle's staged file at `offset`, overwriting what is "
					+ "there and zero-filling any gap past the end. The body is raw bytes whatever its "
					+ "`Content-Type`. With a `Content-Length` the limits are checked before any byte is written; a "
					+ "chunked body that goes over them is cut off with 413 and the bytes before may already be in "
					+ "the staged file. Repeating the same write leaves the same bytes.",
			requestBody = @RequestBody(required = true, description = "The bytes to write",
					content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
							schema = @Schema(type = "string", format = "binary"))))
	@ApiResponse(responseCode = "200", description = "The body was written",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = DataWriteResult.class)))
	@ApiResponse(responseCode = "400", description = "- `" + ProblemKind.TYPE_BASE + "invalid-request`: `offset` "
			+ "is missing or negative\n" + OpenApiConfig.INVALID_REGION)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.READ_ONLY_HANDLE + OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.HANDLE_NOT_FOUND)
	@ApiResponse(responseCode = "410", description = OpenApiConfig.HANDLE_EXPIRED)
	@ApiResponse(responseCode = "413", description = "- `" + ProblemKind.TYPE_BASE + "request-too-large`: the body "
			+ "is longer than `maxBytesPerRequest`\n" + OpenApiConfig.FILE_TOO_LARGE
			+ OpenApiConfig.BYTES_LABELLED_JSON)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.INSUFFICIENT_STORAGE)
	@PutMapping(path = "/handles/{handle}/data", consumes = MediaType.ALL_VALUE)
	DataWriteResult writeData(
			@Parameter(description = "The write handle to write into. " + OpenApiConfig.HANDLE_ID)
			@PathVariable String handle,
			@Parameter(description = "Where the first byte goes in the staged file", example = "0")
			@RequestParam long offset,
			Caller caller, HttpServletRequest request) throws IOException {
		return this.writes.writeAt(caller, handle, offset, request.getInputStream(), request.getContentLengthLong());
	}

	@Operation(operationId = "scatterWrite", summary = "Write new bytes at many places, all or nothing",
			description = "Writes the concatenated bytes of the `data` part to the extents of the `layout` part, in "
					+ "order: the first extent's `length` bytes go to its `destinationOffset`, the next ones to the "
					+ "next extent, and so on; a gap past the end of the staged file is zero-filled.\n\n"
					+ "All or nothing: the layout is validated first (offsets present and non-negative, lengths "
					+ "positive, ends within `maxFileSize`, counts within the request limits), then the data is "
					+ "spooled and its length compared with the layout's total, and only then is the staged file "
					+ "changed. A refused request changes nothing.\n\n"
					+ "The parts must come in this order, `layout` first, then `data`: the server streams the body "
					+ "and never holds the data in memory. Repeating the same request leaves the same bytes.",
			requestBody = @RequestBody(required = true, content = @Content(
					mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
					schema = @Schema(type = "object", requiredProperties = { "layout", "data" }),
					schemaProperties = {
							@SchemaProperty(name = "layout", schema = @Schema(type = "string", description = LAYOUT_PART,
									contentSchema = Extent[].class, examples = LAYOUT_EXAMPLE)),
							@SchemaProperty(name = "data",
									schema = @Schema(type = "string", format = "binary", description = DATA_PART)) },
					encoding = { @Encoding(name = "layout", contentType = MediaType.APPLICATION_JSON_VALUE),
							@Encoding(name = "data", contentType = MediaType.APPLICATION_OCTET_STREAM_VALUE) })))
	@ApiResponse(responseCode = "200", description = "Every extent was written",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ScatterWriteResult.class)))
	@ApiResponse(responseCode = "400", description = "- `" + ProblemKind.TYPE_BASE + "invalid-request`: the body is "
			+ "not multipart, a part is missing or out of order, or `layout` is not a JSON array of "
			+ "`{destinationOffset, length}` (`field`)\n" + OpenApiConfig.INVALID_REGION
			+ OpenApiConfig.LAYOUT_MISMATCH)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.READ_ONLY_HANDLE + OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.HANDLE_NOT_FOUND)
	@ApiResponse(responseCode = "410", description = OpenApiConfig.HANDLE_EXPIRED)
	@ApiResponse(responseCode = "413", description = "- `" + ProblemKind.TYPE_BASE + "request-too-large`: more "
			+ "extents or bytes than one request may hold, or a layout part longer than those extents need\n"
			+ OpenApiConfig.FILE_TOO_LARGE)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.INSUFFICIENT_STORAGE)
	@PostMapping(path = "/handles/{handle}/scatter-write", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ScatterWriteResult scatterWrite(
			@Parameter(description = "The write handle to write into. " + OpenApiConfig.HANDLE_ID)
			@PathVariable String handle,
			Caller caller, HttpServletRequest request) throws IOException {
		JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
		try {
			FileItemInputIterator parts = upload.getItemIterator(request);
			List<Extent> layout = readLayout(nextPart(parts, "layout"));
			return this.writes.scatter(caller, handle, layout, nextPart(parts, "data").getInputStream());
		}
		catch (FileUploadException ex) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "malformed multipart body: " + ex.getMessage());
		}
	}

	private List<Extent> readLayout(FileItemInput part) throws IOException {
		try (InputStream in = part.getInputStream()) {
			byte[] bytes = in.readNBytes(this.maxLayoutBytes + 1);
			if (bytes.length > this.maxLayoutBytes) {
				throw new StorageException(ProblemKind.REQUEST_TOO_LARGE, "the layout part is longer than "
						+ this.maxLayoutBytes + " bytes");
			}
			List<Extent> layout = this.json.readValue(bytes, LAYOUT);
			if (layout == null) {
				throw new StorageException(ProblemKind.INVALID_REQUEST, "the layout part must be a JSON array")
					.with("field", "layout");
			}
			return layout;
		}
		catch (JacksonException ex) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "the layout part is not a JSON array of "
					+ "{destinationOffset, length}: " + ex.getOriginalMessage()).with("field", "layout");
		}
	}

	private static FileItemInput nextPart(FileItemInputIterator parts, String name) throws IOException {
		if (!parts.hasNext()) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "missing part '" + name + "'").with("field",
					name);
		}
		FileItemInput part = parts.next();
		if (!name.equals(part.getFieldName())) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "expected part '" + name + "' but got '"
					+ part.getFieldName() + "' (the layout part comes first, then the data part)")
				.with("field", name);
		}
		return part;
	}

}
