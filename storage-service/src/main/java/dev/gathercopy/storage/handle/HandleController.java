package dev.gathercopy.storage.handle;

import java.io.IOException;
import java.net.URI;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.file.Locks;
import dev.gathercopy.storage.file.Precondition;
import dev.gathercopy.storage.file.StoragePath;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

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
class HandleController {

	private final HandleStore handles;

	HandleController(HandleStore handles) {
		this.handles = handles;
	}

	/** A request to open a handle on a path. */
	record OpenHandleRequest(String path, HandleMode mode) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<HandleInfo> open(@RequestBody OpenHandleRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch, Caller caller)
			throws IOException {
		if (request.mode() == null) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "mode must be \"read\" or \"write\"")
				.with("field", "mode");
		}
		Handle handle = this.handles.open(caller, StoragePath.of(request.path()), request.mode(),
				Precondition.of(ifMatch, ifNoneMatch));
		HandleInfo info = this.handles.info(handle);
		return ResponseEntity.created(URI.create("/api/v1/handles/" + handle.id())).body(info);
	}

	@GetMapping("/{handle}")
	HandleInfo get(@PathVariable String handle, Caller caller) throws IOException {
		try (Locks.Held held = this.handles.lock(handle)) {
			return this.handles.info(this.handles.get(handle, caller, false));
		}
	}

	@DeleteMapping("/{handle}")
	ResponseEntity<Void> close(@PathVariable String handle, Caller caller) throws IOException {
		try (Locks.Held held = this.handles.lock(handle)) {
			this.handles.remove(this.handles.get(handle, caller, false));
		}
		return ResponseEntity.noContent().build();
	}

}
