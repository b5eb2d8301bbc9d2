package dev.gathercopy.agent.storage;

import dev.gathercopy.agent.storage.StorageDtos.CopyResult;
import dev.gathercopy.agent.storage.StorageDtos.Expected;
import dev.gathercopy.agent.storage.StorageDtos.FileInfo;
import dev.gathercopy.agent.storage.StorageDtos.GatherCopy;
import dev.gathercopy.agent.storage.StorageDtos.HandleInfo;
import dev.gathercopy.agent.storage.StorageDtos.Limits;
import dev.gathercopy.agent.storage.StorageDtos.OpenHandle;
import dev.gathercopy.agent.storage.StorageDtos.WriteResult;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The storage service's handle protocol, as a declarative HTTP client. */
@HttpExchange(url = "/api/v1", accept = MediaType.APPLICATION_JSON_VALUE)
interface StorageApi {

	@GetExchange("/limits")
	Limits limits();

	@PostExchange(url = "/handles", contentType = MediaType.APPLICATION_JSON_VALUE)
	HandleInfo open(@RequestBody OpenHandle request, @RequestHeader(name = "If-Match", required = false) String ifMatch);

	@DeleteExchange("/handles/{handle}")
	void close(@PathVariable String handle);

	@PostExchange(url = "/handles/{handle}/gather-copy", contentType = MediaType.APPLICATION_JSON_VALUE)
	CopyResult gatherCopy(@PathVariable String handle, @RequestBody GatherCopy request);

	@PostExchange(url = "/handles/{handle}/scatter-write", contentType = MediaType.MULTIPART_FORM_DATA_VALUE)
	WriteResult scatterWrite(@PathVariable String handle, @RequestPart("layout") HttpEntity<String> layout,
			@RequestPart("data") Resource data);

	@PostExchange(url = "/handles/{handle}/commit", contentType = MediaType.APPLICATION_JSON_VALUE)
	FileInfo commit(@PathVariable String handle, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
			@RequestBody(required = false) Expected expected);

}
