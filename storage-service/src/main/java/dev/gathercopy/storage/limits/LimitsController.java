package dev.gathercopy.storage.limits;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class LimitsController {

	private final RequestLimits limits;

	LimitsController(RequestLimits limits) {
		this.limits = limits;
	}

	@GetMapping("/limits")
	RequestLimits.Limits limits() {
		return this.limits.limits();
	}

}
