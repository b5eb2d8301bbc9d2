package dev.gathercopy.storage.copy;

import java.io.IOException;

import dev.gathercopy.storage.auth.Caller;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class GatherCopyController {

	private final GatherCopy gatherCopy;

	GatherCopyController(GatherCopy gatherCopy) {
		this.gatherCopy = gatherCopy;
	}

	@PostMapping(path = "/handles/{handle}/gather-copy", consumes = MediaType.APPLICATION_JSON_VALUE)
	GatherCopyResult gatherCopy(@PathVariable String handle, @RequestBody GatherCopyRequest request, Caller caller)
			throws IOException {
		return this.gatherCopy.copy(caller, handle, request);
	}

}
