package dev.gathercopy.storage.commit;

import java.io.IOException;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.config.OpenApiConfig;
import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.file.Precondition;
import dev.gathercopy.storage.problem.ProblemKind;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "commit")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class CommitController {

	private static final String HELLO_EXPECTED = """
			{"size": 5, "sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}""";

	private final Commit commit;

	CommitController(Commit commit) {
		this.commit = commit;
	}

	@Operation(operationId = "commit", summary = "Land a write handle's staged file atomically",
			description = "Verifies the staged file against the optional body (its `size` and `sha256`, hex), syncs "
					+ "it, and renames it over the path if the conditions hold for the file as it is now: send "
					+ "`If-Match: \"<version>\"` with the version the new file was built from, or "
					+ "`If-None-Match: *` for a file that must not exist yet. Readers see the old file or the new "
					+ "one, never a mix.\n\n"
					+ "Idempotent: once a commit landed, repeating it answers the same FileInfo, whatever the "
					+ "file became since, until the handle expires; a client that lost the answer repeats the "
					+ "commit to learn the outcome. A refused commit (400, 412, 422) lands nothing and leaves the "
					+ "handle open.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					description = "What the staged file must be; each member optional, the whole body too",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = CommitRequest.class),
							examples = {
									@ExampleObject(name = "expectNothing", summary = "Land whatever is staged",
											description = "No verification beyond the conditions.",
											value = "{}"),
									@ExampleObject(name = "expectSizeAndSha256",
											summary = "Land only 5 bytes reading \"hello\"",
											description = "A 422 answers any other staged content.",
											value = HELLO_EXPECTED) })))
	@ApiResponse(responseCode = "200", description = "The file landed (now or by an earlier commit of this handle)",
			headers = {
					@Header(name = HttpHeaders.ETAG, description = "The new version, quoted",
							schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.LAST_MODIFIED, schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = FileInfo.class)))
	@ApiResponse(responseCode = "400", description = "- `" + ProblemKind.TYPE_BASE + "invalid-request`: `sha256` "
			+ "is not 64 hex digits, the body is not JSON, or a condition header holds something other than quoted "
			+ "versions or `*`\n" + OpenApiConfig.INVALID_PATH)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.READ_ONLY_HANDLE + OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.HANDLE_NOT_FOUND)
	@ApiResponse(responseCode = "410", description = OpenApiConfig.HANDLE_EXPIRED)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.PRECONDITION_FAILED)
	@ApiResponse(responseCode = "413", description = OpenApiConfig.JSON_TOO_LARGE)
	@ApiResponse(responseCode = "422", description = OpenApiConfig.VERIFICATION_FAILED)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.INSUFFICIENT_STORAGE)
	@PostMapping("/handles/{handle}/commit")
	ResponseEntity<FileInfo> commit(
			@Parameter(description = "The write handle to commit. " + OpenApiConfig.HANDLE_ID)
			@PathVariable String handle,
			@Parameter(description = "Land only if the file's version is one of these (`\"<version>\"`), or `*` "
					+ "for any existing file") @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) String ifMatch,
			@Parameter(description = "`*`: land only if the file does not exist; or quoted versions it must not "
					+ "have") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestBody(required = false) CommitRequest expected, Caller caller) throws IOException {
		FileInfo info = this.commit.commit(caller, handle, Precondition.of(ifMatch, ifNoneMatch), expected);
		return ResponseEntity.ok().eTag(info.etag()).lastModified(info.modifiedAt()).body(info);
	}

}
