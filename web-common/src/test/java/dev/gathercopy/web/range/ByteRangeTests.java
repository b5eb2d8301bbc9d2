package dev.gathercopy.web.range;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** One byte range answers 206 with that part; no range, several, or a malformed one answer the whole file. */
class ByteRangeTests {

	@TempDir
	Path dir;

	@Test
	void noHeaderAsksForTheWholeFile() {
		assertThat(ByteRange.of(null, 10)).contains(new ByteRange(0, 10, false));
	}

	@Test
	void oneRangeAsksForThatPart() {
		assertThat(ByteRange.of("bytes=2-5", 10)).contains(new ByteRange(2, 4, true));
		assertThat(ByteRange.of("bytes=-3", 10)).contains(new ByteRange(7, 3, true));
		assertThat(ByteRange.of("bytes=8-", 10)).contains(new ByteRange(8, 2, true));
		assertThat(ByteRange.of("bytes=8-100", 10)).contains(new ByteRange(8, 2, true));
	}

	@Test
	void severalOrMalformedRangesAskForTheWholeFile() {
		assertThat(ByteRange.of("bytes=0-1,4-5", 10)).contains(new ByteRange(0, 10, false));
		assertThat(ByteRange.of("pages=1-2", 10)).contains(new ByteRange(0, 10, false));
	}

	@Test
	void aRangeFromTheEndOnIsNotSatisfiable() {
		assertThat(ByteRange.of("bytes=10-", 10)).isEmpty();
		assertThat(ByteRange.of("bytes=0-", 0)).isEmpty();
		MockHttpServletResponse response = new MockHttpServletResponse();
		ByteRange.refuse(response, 10);
		assertThat(response.getHeader("Content-Range")).isEqualTo("bytes */10");
	}

	@Test
	void aPartIsSentAs206WithItsContentRange() throws Exception {
		MockHttpServletResponse response = send("GET", new ByteRange(2, 4, true));
		assertThat(response.getStatus()).isEqualTo(206);
		assertThat(response.getHeader("Content-Range")).isEqualTo("bytes 2-5/10");
		assertThat(response.getContentType()).isEqualTo("application/octet-stream");
		assertThat(response.getContentLengthLong()).isEqualTo(4);
		assertThat(response.getContentAsString()).isEqualTo("2345");
	}

	@Test
	void theWholeFileIsSentAs200WithoutContentRange() throws Exception {
		MockHttpServletResponse response = send("GET", new ByteRange(0, 10, false));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Range")).isNull();
		assertThat(response.getContentAsString()).isEqualTo("0123456789");
	}

	@Test
	void aHeadSendsTheHeadersWithoutTheBytes() throws Exception {
		MockHttpServletResponse response = send("HEAD", new ByteRange(2, 4, true));
		assertThat(response.getContentLengthLong()).isEqualTo(4);
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	private MockHttpServletResponse send(String method, ByteRange part) throws Exception {
		Path file = Files.writeString(this.dir.resolve("f"), "0123456789");
		MockHttpServletResponse response = new MockHttpServletResponse();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			part.status(response, 10);
			part.send(channel, new MockHttpServletRequest(method, "/f"), response);
		}
		return response;
	}

}
