package dev.gathercopy.storage.commit;

import java.io.IOException;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.file.Precondition;

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
class CommitController {

	private final Commit commit;

	CommitController(Commit commit) {
		this.commit = commit;
	}

	@PostMapping("/handles/{handle}/commit")
	ResponseEntity<FileInfo> commit(@PathVariable String handle,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestBody(required = false) CommitRequest expected, Caller caller) throws IOException {
		FileInfo info = this.commit.commit(caller, handle, Precondition.of(ifMatch, ifNoneMatch), expected);
		return ResponseEntity.ok().eTag(info.etag()).lastModified(info.modifiedAt()).body(info);
	}

}
