package dev.gathercopy.agent.push;

import java.io.IOException;

import dev.gathercopy.agent.auth.Caller;
import dev.gathercopy.agent.config.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/working-copies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "push")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class PushController {

	private final Push push;

	PushController(Push push) {
		this.push = push;
	}

	@Operation(operationId = "push", summary = "Push a working copy's changes to the storage",
			description = "First settles an earlier push whose commit went unanswered. A clean working copy has "
					+ "nothing to send: the answer names its base version and nothing is sent.\n\n"
					+ "Otherwise the agent holds at most two storage handles: a read handle pinning the base "
					+ "version and a write handle staging the new file. It gather-copies the plan's regions from the "
					+ "base, scatter-writes the literal bytes, and commits with `If-Match` of the base version "
					+ "(`If-None-Match: *` for a new file) and, unless `agent.push.verify` is off, the new file's "
					+ "size and SHA-256. The remote file changes atomically or not at all. On success the base "
					+ "becomes the landed version, built from the old base by the plan and the bytes sent (whatever "
					+ "the working file holds by then; a large rebuild finishes in the background, and the next "
					+ "request on the working copy waits for it), and the working copy is clean unless its working "
					+ "file changed during the push.\n\n"
					+ "Both handles are closed whatever happens, except a write handle whose commit may have landed "
					+ "without its answer arriving (storage timeout or outage): the next push or refresh repeats "
					+ "that commit, which storage answers idempotently, to learn the outcome. If the remote file "
					+ "changed since the checkout, nothing lands and the answer is 409 with `remoteVersion`. "
					+ "Pushing again after a success is a no-op.")
	@ApiResponse(responseCode = "200", description = "The changes landed, or there were none",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = PushResult.class)))
	@ApiResponse(responseCode = "403", description = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.WORKING_COPY_NOT_FOUND)
	@ApiResponse(responseCode = "409", description = OpenApiConfig.CONFLICT + OpenApiConfig.WORKING_FILE_UNUSABLE)
	@ApiResponse(responseCode = "502", description = OpenApiConfig.STORAGE_ERROR)
	@ApiResponse(responseCode = "503", description = OpenApiConfig.STORAGE_UNAVAILABLE)
	@ApiResponse(responseCode = "504", description = OpenApiConfig.STORAGE_TIMEOUT)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.WORKSPACE_FULL)
	@PostMapping("/{id}/push")
	PushResult push(@Parameter(description = OpenApiConfig.WORKING_COPY_ID) @PathVariable String id, Caller caller)
			throws IOException {
		return this.push.push(caller, id);
	}

}
