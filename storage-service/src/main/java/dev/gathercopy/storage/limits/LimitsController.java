package dev.gathercopy.storage.limits;

import dev.gathercopy.storage.config.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "limits")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class LimitsController {

	private final RequestLimits limits;

	LimitsController(RequestLimits limits) {
		this.limits = limits;
	}

	@Operation(operationId = "getLimits", summary = "Tell the request, file and handle limits",
			description = "The bounds this server enforces, so that a client can split its work: regions and bytes "
					+ "per gather-copy, scatter-write or data write (413 above), the maximum file size (413 past "
					+ "it), how many handles may be open (429 above) and how long an idle handle lives. Read-only.")
	@ApiResponse(responseCode = "200", description = "The limits",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = RequestLimits.Limits.class)))
	@GetMapping("/limits")
	RequestLimits.Limits limits() {
		return this.limits.limits();
	}

}
