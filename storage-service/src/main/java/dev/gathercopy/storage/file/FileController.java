package dev.gathercopy.storage.file;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.config.OpenApiConfig;
import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import dev.gathercopy.web.range.ByteRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/files")
@Tag(name = "files")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class FileController {

	static final int MAX_LIST_LIMIT = 10_000;

	private static final String PATH = "The file's path below the storage root, e.g. `images/disk.img`. It may "
			+ "contain slashes, sent as they are (`/api/v1/files/images/disk.img`) or encoded as `%2F` (as Swagger UI "
			+ "sends them); no segment may be empty, `.` or `..`.";

	private static final String PATH_EXAMPLE = "images/disk.img";

	private static final String VERSION = "The file's version, quoted: the ETag to send in `If-Match` later.";

	private final FileStore files;

	private final long maxFileSize;

	FileController(FileStore files, StorageProperties properties) {
		this.files = files;
		this.maxFileSize = properties.limits().maxFileSize().toBytes();
	}

	@Operation(operationId = "listFiles", summary = "List files",
			description = "Lists the files whose path starts with `prefix`, sorted by path as plain strings, at most "
					+ "`limit` per page. Pass a page's `next` as `after` to get the following page; `next` is null on "
					+ "the last page. Only files are listed, never folders or the service's own `.gathercopy` state; a "
					+ "token with a prefix sees only the files below it. Read-only.")
	@ApiResponse(responseCode = "200", description = "One page of the listing",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Listing.class)))
	@ApiResponse(responseCode = "400", description = "- `" + ProblemKind.TYPE_BASE + "invalid-request`: `limit` is "
			+ "not between 1 and 10000 (`field`)\n")
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	Listing list(
			@Parameter(description = "Only files whose path starts with this string, e.g. `images/`") @RequestParam(
					defaultValue = "") String prefix,
			@Parameter(description = "Files per page, 1 to 10000") @RequestParam(defaultValue = "1000") int limit,
			@Parameter(description = "The `next` of the previous page: list the files sorted after this path")
			@RequestParam(required = false) String after,
			Caller caller) throws IOException {
		if (limit < 1 || limit > MAX_LIST_LIMIT) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIST_LIMIT)
				.with("field", "limit");
		}
		java.util.Optional<String> narrowed = caller.narrow(prefix);
		return narrowed.isPresent() ? this.files.list(narrowed.get(), after, limit) : new Listing(List.of(), null);
	}

	@Operation(operationId = "putFile", summary = "Upload a whole file",
			description = "Stores the request body as the whole new content of the file, atomically: the body is "
					+ "streamed into a staged file and synced, then renamed over the path, so readers see the old "
					+ "version or the new one, never a mix, and a failed upload changes nothing. Missing folders are "
					+ "created. The body is raw bytes whatever its `Content-Type`.\n\n"
					+ "Conditions are checked before the body is read and again when it lands: `If-None-Match: *` "
					+ "only creates, `If-Match: \"<version>\"` only replaces that version. Every upload gives a new "
					+ "version, even of the same bytes.",
			requestBody = @RequestBody(required = true, description = "The file's whole new content",
					content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
							schema = @Schema(type = "string", format = "binary"))))
	@ApiResponse(responseCode = "200", description = "The file existed and was replaced",
			headers = { @Header(name = HttpHeaders.ETAG, description = VERSION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.LAST_MODIFIED, schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = FileInfo.class)))
	@ApiResponse(responseCode = "201", description = "The file was created",
			headers = { @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.ETAG, description = VERSION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.LAST_MODIFIED, schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = FileInfo.class)))
	@ApiResponse(responseCode = "400", description = OpenApiConfig.INVALID_PATH + OpenApiConfig.INVALID_PRECONDITION)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.PRECONDITION_FAILED)
	@ApiResponse(responseCode = "413",
			description = OpenApiConfig.FILE_TOO_LARGE + OpenApiConfig.BYTES_LABELLED_JSON)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.INSUFFICIENT_STORAGE)
	@PutMapping(path = "/{*path}", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FileInfo> put(
			@Parameter(name = "path", description = PATH, example = PATH_EXAMPLE) @PathVariable("path") String rawPath,
			@Parameter(description = "Replace only a file whose version is one of these (`\"<version>\"`, "
					+ "comma-separated), or any existing file with `*`") @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) String ifMatch,
			@Parameter(description = "`*`: only create, never replace; or quoted versions the file must not have")
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			Caller caller, HttpServletRequest request) throws IOException {
		StoragePath path = path(rawPath, caller);
		if (request.getContentLengthLong() > this.maxFileSize) {
			throw new StorageException(ProblemKind.FILE_TOO_LARGE, "a body of " + request.getContentLengthLong()
					+ " bytes is larger than the maximum file size of " + this.maxFileSize).with("maxFileSize",
							this.maxFileSize);
		}
		Replaced replaced = this.files.put(path, request.getInputStream(), Precondition.of(ifMatch, ifNoneMatch));
		FileInfo info = replaced.info();
		ResponseEntity.BodyBuilder response = replaced.created()
				? ResponseEntity.created(location(path)) : ResponseEntity.ok();
		return response.eTag(info.etag()).lastModified(info.modifiedAt()).body(info);
	}

	@Operation(operationId = "deleteFile", summary = "Delete a file",
			description = "Deletes the file if `If-Match` holds. Read handles that pinned one of its versions go on "
					+ "reading it. Deleting it again answers 404.")
	@ApiResponse(responseCode = "204", description = "The file is gone")
	@ApiResponse(responseCode = "400", description = OpenApiConfig.INVALID_PATH + OpenApiConfig.INVALID_PRECONDITION)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.FILE_NOT_FOUND)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.PRECONDITION_FAILED)
	@DeleteMapping("/{*path}")
	ResponseEntity<Void> delete(
			@Parameter(name = "path", description = PATH, example = PATH_EXAMPLE) @PathVariable("path") String rawPath,
			@Parameter(description = "Delete only if the file's version is one of these (`\"<version>\"`), or `*`")
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			Caller caller) throws IOException {
		this.files.delete(path(rawPath, caller), Precondition.of(ifMatch, null));
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "getFile", summary = "Download a file",
			description = "Streams the file's current version; the bytes sent are exactly those of the version in "
					+ "the ETag, even when the file is replaced meanwhile. One `Range: bytes=<first>-<last>` (or a "
					+ "suffix `bytes=-<n>`) answers 206 with that part; several ranges, or a range that cannot be "
					+ "parsed, answer the whole file. `If-None-Match` holding the current version answers 304; "
					+ "`If-Match` not holding it answers 412. HEAD answers the same headers without the body.")
	@ApiResponse(responseCode = "200", description = "The whole file",
			headers = { @Header(name = HttpHeaders.ETAG, description = VERSION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.LAST_MODIFIED, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.ACCEPT_RANGES, schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The requested range of the file",
			headers = {
					@Header(name = HttpHeaders.CONTENT_RANGE, description = "`bytes <first>-<last>/<size>`",
							schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.ETAG, description = VERSION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.LAST_MODIFIED, schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "304", description = "The file still has a version named in `If-None-Match`",
			headers = @Header(name = HttpHeaders.ETAG, description = VERSION, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400", description = OpenApiConfig.INVALID_PATH + OpenApiConfig.INVALID_PRECONDITION)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.FILE_NOT_FOUND)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.PRECONDITION_FAILED)
	@ApiResponse(responseCode = "416", description = OpenApiConfig.RANGE_NOT_SATISFIABLE)
	@RequestMapping(path = "/{*path}", method = { RequestMethod.GET, RequestMethod.HEAD },
			produces = { MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.ALL_VALUE })
	void get(@Parameter(name = "path", description = PATH, example = PATH_EXAMPLE) @PathVariable("path") String rawPath,
			@Parameter(description = "One byte range, e.g. `bytes=0-4095`") @RequestHeader(name = HttpHeaders.RANGE,
					required = false) String range,
			@Parameter(description = "Quoted versions (or `*`): answer 304 if the file has one of them")
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@Parameter(description = "Quoted versions (or `*`): answer 412 unless the file has one of them")
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
		StoragePath path = path(rawPath, caller);
		try (OpenFile file = this.files.open(path)) {
			FileInfo info = file.info();
			Precondition.of(ifMatch, null).check(java.util.Optional.of(info));
			response.setHeader(HttpHeaders.ETAG, info.etag());
			response.setDateHeader(HttpHeaders.LAST_MODIFIED, info.modifiedAt().toEpochMilli());
			response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
			if (ifNoneMatch != null && Precondition.of(null, ifNoneMatch).ifNoneMatch().stream()
				.anyMatch((tag) -> tag.equals("*") || tag.equals(info.version()))) {
				response.setStatus(HttpStatus.NOT_MODIFIED.value());
				return;
			}
			ByteRange part = ByteRange.of(range, info.size()).orElse(null);
			if (part == null) {
				ByteRange.refuse(response, info.size());
				throw new StorageException(ProblemKind.RANGE_NOT_SATISFIABLE, "the file has " + info.size() + " bytes")
					.with("size", info.size());
			}
			part.status(response, info.size());
			part.send(file.channel(), request, response);
		}
	}

	private static URI location(StoragePath path) {
		return UriComponentsBuilder.fromPath("/api/v1/files").pathSegment(path.value().split("/")).encode().build()
			.toUri();
	}

	private static StoragePath path(String rawPath, Caller caller) {
		String value = (rawPath != null && rawPath.startsWith("/")) ? rawPath.substring(1) : rawPath;
		StoragePath path = StoragePath.of(value);
		caller.checkAccess(path);
		return path;
	}

}
