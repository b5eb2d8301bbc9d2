package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.gathercopy.agent.auth.Caller;
import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/working-copies")
class WorkingCopyController {

	private static final int COPY_BUFFER = 256 * 1024;

	private final WorkingCopies workingCopies;

	WorkingCopyController(WorkingCopies workingCopies) {
		this.workingCopies = workingCopies;
	}

	/** A request to check a remote file out; {@code create} starts an empty one when it does not exist remotely. */
	record CheckoutRequest(String path, Boolean create) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<WorkingCopy> checkout(@RequestBody CheckoutRequest request, Caller caller) throws IOException {
		WorkingCopy copy = this.workingCopies.checkout(caller, request.path(), Boolean.TRUE.equals(request.create()));
		return ResponseEntity.created(URI.create("/api/v1/working-copies/" + copy.id())).body(copy);
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	List<WorkingCopy> list(Caller caller) throws IOException {
		return this.workingCopies.list(caller);
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy get(@PathVariable String id, Caller caller) throws IOException {
		return this.workingCopies.get(caller, id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(defaultValue = "false") boolean discard,
			Caller caller) throws IOException {
		this.workingCopies.delete(caller, id, discard);
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = "/{id}/content", method = { RequestMethod.GET, RequestMethod.HEAD })
	void content(@PathVariable String id, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.workingCopies.withContent(caller, id, (work, copy) -> {
			try (FileChannel channel = FileChannel.open(work, StandardOpenOption.READ)) {
				long size = channel.size();
				long start = 0;
				long length = size;
				List<HttpRange> ranges = parseRanges(range);
				if (ranges.size() == 1) {
					try {
						start = ranges.get(0).getRangeStart(size);
						length = ranges.get(0).getRangeEnd(size) - start + 1;
					}
					catch (IllegalArgumentException ex) {
						length = 0;
					}
					if (start >= size || length <= 0) {
						response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
						throw new AgentException(ProblemKind.RANGE_NOT_SATISFIABLE, "the working file has " + size
								+ " bytes").with("size", size);
					}
					response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
					response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + size);
				}
				response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
				response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
				response.setContentLengthLong(length);
				if (!"HEAD".equals(request.getMethod())) {
					stream(channel, start, length, response.getOutputStream());
				}
			}
			return null;
		});
	}

	@PutMapping(path = "/{id}/content", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy replaceContent(@PathVariable String id, Caller caller, HttpServletRequest request) throws IOException {
		return this.workingCopies.replaceContent(caller, id, request.getInputStream());
	}

	@PatchMapping(path = "/{id}/content", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy patch(@PathVariable String id, @RequestBody EditRequest request, Caller caller) throws IOException {
		List<Edit> edits = (request.edits() != null) ? request.edits() : List.of();
		return this.workingCopies.patch(caller, id, edits);
	}

	@GetMapping(path = "/{id}/plan", produces = MediaType.APPLICATION_JSON_VALUE)
	PlanView plan(@PathVariable String id, @RequestParam(defaultValue = "false") boolean summary, Caller caller)
			throws IOException {
		return PlanView.of(this.workingCopies.plan(caller, id), summary);
	}

	@PostMapping(path = "/{id}/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
	WorkingCopy refresh(@PathVariable String id, @RequestParam(defaultValue = "false") boolean discard, Caller caller)
			throws IOException {
		return this.workingCopies.refresh(caller, id, discard);
	}

	private static List<HttpRange> parseRanges(String range) {
		if (range == null) {
			return List.of();
		}
		try {
			return HttpRange.parseRanges(range);
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static void stream(FileChannel channel, long start, long length, OutputStream out) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER, Math.max(length, 1)));
		long position = start;
		long end = start + length;
		while (position < end) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
			int n = channel.read(buffer, position);
			if (n < 0) {
				break;
			}
			out.write(buffer.array(), 0, n);
			position += n;
		}
	}

}
