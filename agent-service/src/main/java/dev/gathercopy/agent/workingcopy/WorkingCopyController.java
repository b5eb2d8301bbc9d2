package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.gathercopy.agent.auth.Caller;
import dev.gathercopy.agent.config.OpenApiConfig;
import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.web.range.ByteRange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/working-copies")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class WorkingCopyController {

	private static final String EDITS_EXAMPLE = """
			{
			  "edits": [
			    {"op": "replace", "offset": 0, "data": "SGVsbG8="},
			    {"op": "insert", "offset": 5, "data": "LCB3b3JsZCE="},
			    {"op": "delete", "offset": 5, "length": 1}
			  ]
			}""";

	private static final String MOVE_EXAMPLE = """
			{
			  "edits": [
			    {"op": "delete", "offset": 0, "length": 6},
			    {"op": "insert", "offset": 6, "data": "IA=="},
			    {"op": "copy", "offset": 7, "sourceOffset": 0, "length": 5}
			  ]
			}""";

	private static final String DISCARD = "Drop changes that were not pushed instead of refusing with 409";

	private final WorkingCopies workingCopies;

	WorkingCopyController(WorkingCopies workingCopies) {
		this.workingCopies = workingCopies;
	}

	/** A request to check a remote file out; {@code create} starts an empty one when it does not exist remotely. */
	record CheckoutRequest(String path, Boolean create) {
	}

	@Operation(operationId = "checkout", tags = "working-copies",
			summary = "Check a remote file out into a new working copy",
			description = "Downloads the remote file's current version as the base and the working file of a new "
					+ "working copy. `localFile` in the answer is where the working file is: the API or any program "
					+ "on the agent's machine may edit it. With `create: true` a file that does not exist remotely "
					+ "starts empty, and pushing it creates it. Every checkout makes a new working copy (not "
					+ "idempotent); nothing is left behind when it fails.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = CheckoutRequest.class),
							examples = @ExampleObject(name = "createIfMissing",
									summary = "Check out a file, starting it empty if it does not exist",
									description = "Works whether or not the file exists remotely.",
									value = "{\"path\": \"images/disk.img\", \"create\": true}"))))
	@ApiResponse(responseCode = "201", description = "The working copy is there",
			headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WorkingCopy.class)))
	@ApiResponse(responseCode = "400", description = OpenApiConfig.INVALID_PATH + OpenApiConfig.INVALID_JSON)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.REMOTE_FILE_NOT_FOUND)
	@ApiResponse(responseCode = "502", description = OpenApiConfig.STORAGE_ERROR)
	@ApiResponse(responseCode = "503", description = OpenApiConfig.STORAGE_UNAVAILABLE)
	@ApiResponse(responseCode = "504", description = OpenApiConfig.STORAGE_TIMEOUT)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.WORKSPACE_FULL)
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<WorkingCopy> checkout(@RequestBody CheckoutRequest request, Caller caller) throws IOException {
		WorkingCopy copy = this.workingCopies.checkout(caller, request.path(), Boolean.TRUE.equals(request.create()));
		return ResponseEntity.created(URI.create("/api/v1/working-copies/" + copy.id())).body(copy);
	}

	@Operation(operationId = "listWorkingCopies", tags = "working-copies",
			summary = "List working copies",
			description = "The working copies of this token, within its prefix, each as it is now: a working file "
					+ "changed on disk since the last look is noticed and shows as `modified`. Read-only.")
	@ApiResponse(responseCode = "200", description = "The working copies",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = WorkingCopy.class))))
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	List<WorkingCopy> list(Caller caller) throws IOException {
		return this.workingCopies.list(caller);
	}

	@Operation(operationId = "getWorkingCopy", tags = "working-copies",
			summary = "Describe a working copy",
			description = "The working copy as it is now: a working file changed on disk since the last look is "
					+ "noticed and shows as `modified`. Read-only.")
	@ApiResponse(responseCode = "200", description = "The working copy",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WorkingCopy.class)))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.WORKING_FILE_UNUSABLE)
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy get(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id, Caller caller)
			throws IOException {
		return this.workingCopies.get(caller, id);
	}

	@Operation(operationId = "deleteWorkingCopy", tags = "working-copies",
			summary = "Delete a working copy",
			description = "Removes the working copy and its local files; the remote file stays as it is. A "
					+ "`modified` working copy is kept, with 409, unless `discard=true`. The storage handle of a push "
					+ "whose commit went unanswered is closed. Deleting it again answers 404.")
	@ApiResponse(responseCode = "204", description = "The working copy is gone")
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.UNPUSHED_CHANGES + OpenApiConfig.WORKING_FILE_UNUSABLE)
	@ApiResponse(responseCode = "502", description = OpenApiConfig.STORAGE_ERROR)
	@ApiResponse(responseCode = "503", description = OpenApiConfig.STORAGE_UNAVAILABLE)
	@ApiResponse(responseCode = "504", description = OpenApiConfig.STORAGE_TIMEOUT)
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id,
			@Parameter(description = DISCARD) @RequestParam(defaultValue = "false") boolean discard, Caller caller)
			throws IOException {
		this.workingCopies.delete(caller, id, discard);
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "getWorkingCopyContent", tags = "working-copies",
			summary = "Read a working file",
			description = "Streams the working file as it is now. One `Range: bytes=<first>-<last>` (or a suffix "
					+ "`bytes=-<n>`) answers 206 with that part; several ranges, or a range that cannot be parsed, "
					+ "answer the whole file. HEAD answers the same headers without the body. Read-only.")
	@ApiResponse(responseCode = "200", description = "The whole working file",
			headers = @Header(name = HttpHeaders.ACCEPT_RANGES, schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The requested range of the working file",
			headers = @Header(name = HttpHeaders.CONTENT_RANGE, description = "`bytes <first>-<last>/<size>`",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "416", description = OpenApiConfig.RANGE_NOT_SATISFIABLE)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.WORKING_FILE_UNUSABLE)
	@RequestMapping(path = "/{id}/content", method = { RequestMethod.GET, RequestMethod.HEAD })
	void content(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id,
			@Parameter(description = "One byte range, e.g. `bytes=0-4095`") @RequestHeader(name = HttpHeaders.RANGE,
					required = false) String range,
			Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.workingCopies.withContent(caller, id, (work, copy) -> {
			try (FileChannel channel = FileChannel.open(work, StandardOpenOption.READ)) {
				long size = channel.size();
				ByteRange part = ByteRange.of(range, size).orElse(null);
				if (part == null) {
					ByteRange.refuse(response, size);
					throw new AgentException(ProblemKind.RANGE_NOT_SATISFIABLE, "the working file has " + size
							+ " bytes").with("size", size);
				}
				part.status(response, size);
				response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
				part.send(channel, request, response);
			}
			return null;
		});
	}

	@Operation(operationId = "replaceWorkingCopyContent", tags = "working-copies",
			summary = "Replace a working file's whole content",
			description = "Replaces the working file with the body, raw bytes whatever its `Content-Type`. The "
					+ "edit log no longer describes the file, so the next plan compares contents (`method: diff`). "
					+ "Repeating it leaves the same content.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "The working file's whole new content",
					content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
							schema = @Schema(type = "string", format = "binary"))))
	@ApiResponse(responseCode = "200", description = "The working copy after the change",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WorkingCopy.class)))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.WORKSPACE_FULL)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.WORKING_FILE_UNUSABLE)
	@PutMapping(path = "/{id}/content", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy replaceContent(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id,
			Caller caller, HttpServletRequest request) throws IOException {
		return this.workingCopies.replaceContent(caller, id, request.getInputStream());
	}

	@Operation(operationId = "editWorkingCopyContent", tags = "working-copies",
			summary = "Edit a working file: insert, delete, replace, copy from the base",
			description = "Applies the edits in order, all or none: each is validated against the file as the "
					+ "edits before it leave it, and nothing changes unless all are valid. `insert` puts `data` at "
					+ "`offset`, moving what follows; `replace` overwrites from `offset`, growing the file if it runs "
					+ "past the end; `delete` removes `length` bytes at `offset`; `copy` inserts at `offset` the "
					+ "`length` bytes of the base (the version checked out or last pushed) from `sourceOffset`, so "
					+ "that a move (`delete`, then `copy`) sends no bytes. An offset may be the file's size (to "
					+ "append). `data` is base64. The edit log records the edits, so that the plan reuses every "
					+ "byte they leave unchanged. Not idempotent: an insert repeated inserts again.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = EditRequest.class),
							examples = { @ExampleObject(name = "helloWorld",
									summary = "Replace, insert and delete: the file starts with \"Hello world!\"",
									description = "Works on any working copy, an empty one too.",
									value = EDITS_EXAMPLE),
									@ExampleObject(name = "moveHello",
											summary = "Move a word with copy: \"Hello world!\" becomes "
													+ "\"world! Hello\"",
											description = "Works once the file of the helloWorld example is pushed "
													+ "(its base is then \"Hello world!\"); pushing sends one byte.",
											value = MOVE_EXAMPLE) })))
	@ApiResponse(responseCode = "200", description = "The working copy after the edits",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WorkingCopy.class)))
	@ApiResponse(responseCode = "400", description = "- `" + ProblemKind.TYPE_BASE + "invalid-request`: an edit has "
			+ "no or an unknown `op`, no or a negative `offset`, no `data` (insert, replace), no or a negative "
			+ "`length` (delete, copy) or `sourceOffset` (copy), or the body is not JSON with base64 data; "
			+ "`editIndex` and `field` name it\n"
			+ OpenApiConfig.EDIT_OUT_OF_RANGE)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.WORKSPACE_FULL)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.WORKING_FILE_UNUSABLE)
	@PatchMapping(path = "/{id}/content", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy patch(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id,
			@RequestBody EditRequest request, Caller caller) throws IOException {
		List<Edit> edits = (request.edits() != null) ? request.edits() : List.of();
		return this.workingCopies.patch(caller, id, edits);
	}

	@Operation(operationId = "getPlan", tags = "plans",
			summary = "Show what a push would copy and send",
			description = "The plan that builds the working file from the base: regions the storage would copy "
					+ "server-side and literal ranges the agent would send, together tiling the new file in "
					+ "destination order. `method` is `edit-log` while the edits made through the API describe the "
					+ "working file, and `diff` once something else changed it and the contents were compared. With "
					+ "`summary=true` the two arrays are left out. Read-only.")
	@ApiResponse(responseCode = "200", description = "The plan",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = PlanView.class)))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.WORKING_FILE_UNUSABLE)
	@GetMapping(path = "/{id}/plan", produces = MediaType.APPLICATION_JSON_VALUE)
	PlanView plan(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id,
			@Parameter(description = "Leave out the regions and literals, keep the totals") @RequestParam(
					defaultValue = "false") boolean summary,
			Caller caller) throws IOException {
		return PlanView.of(this.workingCopies.plan(caller, id), summary);
	}

	@Operation(operationId = "refreshWorkingCopy", tags = "working-copies",
			summary = "Reset a working copy to the current remote version",
			description = "First settles an earlier push whose commit went unanswered. Then downloads the remote "
					+ "file's current version as the new base and working file, so that the working copy is clean. "
					+ "A `modified` working copy answers 409 and stays as it is, unless `discard=true` drops its "
					+ "changes. Repeating it changes nothing more.")
	@ApiResponse(responseCode = "200", description = "The working copy, now clean",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WorkingCopy.class)))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND
			+ OpenApiConfig.REMOTE_FILE_NOT_FOUND)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.UNPUSHED_CHANGES + OpenApiConfig.WORKING_FILE_UNUSABLE)
	@ApiResponse(responseCode = "502", description = OpenApiConfig.STORAGE_ERROR)
	@ApiResponse(responseCode = "503", description = OpenApiConfig.STORAGE_UNAVAILABLE)
	@ApiResponse(responseCode = "504", description = OpenApiConfig.STORAGE_TIMEOUT)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.WORKSPACE_FULL)
	@PostMapping(path = "/{id}/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy refresh(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id,
			@Parameter(description = DISCARD) @RequestParam(defaultValue = "false") boolean discard, Caller caller)
			throws IOException {
		return this.workingCopies.refresh(caller, id, discard);
	}

}
