package dev.gathercopy.agent.push;

import java.io.IOException;

import dev.gathercopy.agent.auth.Caller;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/working-copies", produces = MediaType.APPLICATION_JSON_VALUE)
class PushController {

	private final Push push;

	PushController(Push push) {
		this.push = push;
	}

	@PostMapping("/{id}/push")
	PushResult push(@PathVariable String id, Caller caller) throws IOException {
		return this.push.push(caller, id);
	}

}
