package dev.gathercopy.storage.file;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/files")
class FileController {

	static final int MAX_LIST_LIMIT = 10_000;

	private static final int COPY_BUFFER = 256 * 1024;

	private final FileStore files;

	FileController(FileStore files) {
		this.files = files;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	Listing list(@RequestParam(defaultValue = "") String prefix, @RequestParam(defaultValue = "1000") int limit,
			@RequestParam(required = false) String after, Caller caller) throws IOException {
		if (limit < 1 || limit > MAX_LIST_LIMIT) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIST_LIMIT)
				.with("field", "limit");
		}
		return caller.narrow(prefix).map((narrowed) -> {
			try {
				return this.files.list(narrowed, after, limit);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}).orElse(new Listing(List.of(), null));
	}

	@PutMapping(path = "/{*path}", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FileInfo> put(@PathVariable("path") String rawPath,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch, Caller caller,
			HttpServletRequest request) throws IOException {
		StoragePath path = path(rawPath, caller);
		Replaced replaced = this.files.put(path, request.getInputStream(), Precondition.of(ifMatch, ifNoneMatch));
		FileInfo info = replaced.info();
		ResponseEntity.BodyBuilder response = replaced.created()
				? ResponseEntity.created(location(path)) : ResponseEntity.ok();
		return response.eTag(info.etag()).lastModified(info.modifiedAt()).body(info);
	}

	@DeleteMapping("/{*path}")
	ResponseEntity<Void> delete(@PathVariable("path") String rawPath,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller)
			throws IOException {
		this.files.delete(path(rawPath, caller), Precondition.of(ifMatch, null));
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = "/{*path}", method = { RequestMethod.GET, RequestMethod.HEAD },
			produces = { MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.ALL_VALUE })
	void get(@PathVariable("path") String rawPath, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		StoragePath path = path(rawPath, caller);
		try (OpenFile file = this.files.open(path)) {
			FileInfo info = file.info();
			Precondition.of(ifMatch, null).check(java.util.Optional.of(info));
			response.setHeader(HttpHeaders.ETAG, info.etag());
			response.setDateHeader(HttpHeaders.LAST_MODIFIED, info.modifiedAt().toEpochMilli());
			response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
			if (ifNoneMatch != null && Precondition.of(null, ifNoneMatch).ifNoneMatch().stream()
				.anyMatch((tag) -> tag.equals("*") || tag.equals(info.version()))) {
				response.setStatus(HttpStatus.NOT_MODIFIED.value());
				return;
			}
			long start = 0;
			long length = info.size();
			List<HttpRange> ranges = parseRanges(range);
			if (ranges.size() == 1) {
				try {
					start = ranges.get(0).getRangeStart(info.size());
					length = ranges.get(0).getRangeEnd(info.size()) - start + 1;
				}
				catch (IllegalArgumentException ex) {
					length = 0;
				}
				if (start >= info.size() || length <= 0) {
					response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + info.size());
					throw new StorageException(ProblemKind.RANGE_NOT_SATISFIABLE, "the file has " + info.size()
							+ " bytes").with("size", info.size());
				}
				response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
				response.setHeader(HttpHeaders.CONTENT_RANGE,
						"bytes " + start + "-" + (start + length - 1) + "/" + info.size());
			}
			response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
			response.setContentLengthLong(length);
			if (!"HEAD".equals(request.getMethod())) {
				stream(file.channel(), start, length, response.getOutputStream());
			}
		}
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

	private static URI location(StoragePath path) {
		return UriComponentsBuilder.fromPath("/api/v1/files").pathSegment(path.value().split("/")).encode().build()
			.toUri();
	}

	private static StoragePath path(String rawPath, Caller caller) {
		String value = (rawPath != null && rawPath.startsWith("/")) ? rawPath.substring(1) : rawPath;
		StoragePath path = StoragePath.of(value);
		caller.checkAccess(path);
		return path;
	}

}
