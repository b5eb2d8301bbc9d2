package dev.gathercopy.storage.handle;

import java.io.IOException;
import java.net.URI;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.config.OpenApiConfig;
import dev.gathercopy.storage.file.Locks;
import dev.gathercopy.storage.file.Precondition;
import dev.gathercopy.storage.file.StoragePath;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/handles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "handles")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class HandleController {

	private final HandleStore handles;

	HandleController(HandleStore handles) {
		this.handles = handles;
	}

	/** A request to open a handle on a path. */
	record OpenHandleRequest(String path, HandleMode mode) {
	}

	@Operation(operationId = "openHandle", summary = "Open a read or write handle",
			description = "`read` pins the file's current version: the handle reads exactly those bytes until it is "
					+ "closed or expires, even after the file is replaced or deleted (where the storage root cannot "
					+ "hard-link, a replaced version answers `version-gone` instead). `write` stages a new, empty "
					+ "file for the path, which need not exist yet; gather-copy and writes fill it, commit lands "
					+ "it.\n\n"
					+ "Conditions are checked against the file as it is now, e.g. `If-Match: \"<version>\"` makes a "
					+ "read handle pin that version or fail with 412. Every open makes a new handle (not idempotent). "
					+ "A handle expires when idle for `handleTtlSeconds` (see the limits); every use renews it.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = OpenHandleRequest.class),
							examples = {
									@ExampleObject(name = "read", summary = "Pin the current version of a file",
											description = "The file must exist: upload it first.",
											value = "{\"path\": \"images/disk.img\", \"mode\": \"read\"}"),
									@ExampleObject(name = "write", summary = "Stage a new version of a file",
											description = "The file need not exist.",
											value = "{\"path\": \"images/disk.img\", \"mode\": \"write\"}") })))
	@ApiResponse(responseCode = "201", description = "The handle is open",
			headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HandleInfo.class)))
	@ApiResponse(responseCode = "400", description = OpenApiConfig.INVALID_PATH + "- `" + ProblemKind.TYPE_BASE
			+ "invalid-request`: `mode` is missing or neither `read` nor `write`, the body is not JSON, or a "
			+ "condition header holds something other than quoted versions or `*`\n")
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.FILE_NOT_FOUND)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.PRECONDITION_FAILED)
	@ApiResponse(responseCode = "413", description = OpenApiConfig.JSON_TOO_LARGE)
	@ApiResponse(responseCode = "429", description = OpenApiConfig.TOO_MANY_HANDLES)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.INSUFFICIENT_STORAGE)
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<HandleInfo> open(@RequestBody OpenHandleRequest request,
			@Parameter(description = "Open only if the file's version is one of these (`\"<version>\"`), or `*` "
					+ "for any existing file") @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) String ifMatch,
			@Parameter(description = "`*`: open only if the file does not exist; or quoted versions it must not "
					+ "have") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			Caller caller) throws IOException {
		if (request.mode() == null) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "mode must be \"read\" or \"write\"")
				.with("field", "mode");
		}
		Handle handle = this.handles.open(caller, StoragePath.of(request.path()), request.mode(),
				Precondition.of(ifMatch, ifNoneMatch));
		HandleInfo info = this.handles.info(handle);
		return ResponseEntity.created(URI.create("/api/v1/handles/" + handle.id())).body(info);
	}

	@Operation(operationId = "getHandle", summary = "Describe a handle and renew it",
			description = "Tells the handle's path, mode, size (of the staged file, or of the pinned version) and "
					+ "version (the pinned one, or for a write handle the path's version when it was opened, null if "
					+ "there was no file), and renews it: `expiresAt` moves to now plus the TTL.")
	@ApiResponse(responseCode = "200", description = "The handle",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HandleInfo.class)))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.HANDLE_NOT_FOUND)
	@ApiResponse(responseCode = "410", description = OpenApiConfig.HANDLE_EXPIRED)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.VERSION_GONE)
	@GetMapping("/{handle}")
	HandleInfo get(@Parameter(description = OpenApiConfig.HANDLE_ID) @PathVariable String handle, Caller caller)
			throws IOException {
		try (Locks.Held held = this.handles.lock(handle)) {
			return this.handles.info(this.handles.get(handle, caller, false));
		}
	}

	@Operation(operationId = "closeHandle", summary = "Close a handle",
			description = "Closes the handle and removes its staged data. Closing it again answers 404, and so does "
					+ "a committed handle, which needs no closing. Close handles when done: open ones count against "
					+ "`maxOpenHandles` until they expire.")
	@ApiResponse(responseCode = "204", description = "The handle is closed")
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.HANDLE_NOT_FOUND)
	@ApiResponse(responseCode = "410", description = OpenApiConfig.HANDLE_EXPIRED)
	@DeleteMapping(path = "/{handle}",
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	ResponseEntity<Void> close(@Parameter(description = OpenApiConfig.HANDLE_ID) @PathVariable String handle,
			Caller caller) throws IOException {
		try (Locks.Held held = this.handles.lock(handle)) {
			this.handles.remove(this.handles.get(handle, caller, false));
		}
		return ResponseEntity.noContent().build();
	}

}
