package dev.gathercopy.storage.copy;

import java.io.IOException;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.config.OpenApiConfig;
import dev.gathercopy.storage.problem.ProblemKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "gather-copy")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class GatherCopyController {

	private static final String TWO_REGIONS = """
			{
			  "source": "REPLACE-WITH-A-READ-HANDLE",
			  "regions": [
			    {"sourceOffset": 4096, "destinationOffset": 0, "length": 4096},
			    {"sourceOffset": 0, "destinationOffset": 4096, "length": 4096}
			  ]
			}""";

	private final GatherCopy gatherCopy;

	GatherCopyController(GatherCopy gatherCopy) {
		this.gatherCopy = gatherCopy;
	}

	@Operation(operationId = "gatherCopy", summary = "Copy regions of a handle into a write handle, server-side",
			description = "Copies each region's `length` bytes from `sourceOffset` of the `source` handle to "
					+ "`destinationOffset` of this write handle's staged file, without the bytes crossing the "
					+ "network (positional copies that share extents where the filesystem can).\n\n"
					+ "The whole region array is validated before any byte is copied: offsets present and "
					+ "non-negative, lengths positive, no overflow, every source range within the source, every "
					+ "destination end within `maxFileSize`, and the counts within the request limits. A refused "
					+ "request changes nothing.\n\n"
					+ "Regions are applied in array order, each as if read whole before it is written, so "
					+ "overlapping ranges are safe. Writing past the end of the staged file zero-fills the gap. The "
					+ "source may be a read handle (its pinned version) or a write handle, this one included: then "
					+ "each region sees the staged file as the regions before it left it.\n\n"
					+ "Not idempotent in general: repeating a request repeats the copies, which leaves the same "
					+ "bytes unless a region reads what an earlier one wrote.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = GatherCopyRequest.class),
							examples = @ExampleObject(name = "swapTwoBlocks",
									summary = "Swap the first two 4 KiB blocks of an 8 KiB or longer source",
									description = "Put the id of a read handle in `source`.", value = TWO_REGIONS))))
	@ApiResponse(responseCode = "200", description = "Every region was copied",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = GatherCopyResult.class)))
	@ApiResponse(responseCode = "400", description = "- `" + ProblemKind.TYPE_BASE + "invalid-request`: "
			+ "`source` is missing or the body is not JSON\n" + OpenApiConfig.INVALID_REGION)
	@ApiResponse(responseCode = "403", description = OpenApiConfig.READ_ONLY_HANDLE + OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", description = OpenApiConfig.HANDLE_NOT_FOUND)
	@ApiResponse(responseCode = "410", description = OpenApiConfig.HANDLE_EXPIRED)
	@ApiResponse(responseCode = "412", description = OpenApiConfig.VERSION_GONE)
	@ApiResponse(responseCode = "413", description = OpenApiConfig.REQUEST_TOO_LARGE + OpenApiConfig.FILE_TOO_LARGE)
	@ApiResponse(responseCode = "416", description = OpenApiConfig.SOURCE_RANGE_NOT_SATISFIABLE)
	@ApiResponse(responseCode = "507", description = OpenApiConfig.INSUFFICIENT_STORAGE)
	@PostMapping(path = "/handles/{handle}/gather-copy", consumes = MediaType.APPLICATION_JSON_VALUE)
	GatherCopyResult gatherCopy(
			@Parameter(description = "The write handle to copy into. " + OpenApiConfig.HANDLE_ID)
			@PathVariable String handle,
			@RequestBody GatherCopyRequest request, Caller caller) throws IOException {
		return this.gatherCopy.copy(caller, handle, request);
	}

}
