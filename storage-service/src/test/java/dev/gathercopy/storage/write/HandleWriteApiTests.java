package dev.gathercopy.storage.write;

import java.util.Arrays;
import java.util.Map;

import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.StorageTest;
import dev.gathercopy.storage.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

@StorageTest
class HandleWriteApiTests {

	@Autowired
	RestTestClient http;

	StorageClient storage;

	String path;

	String write;

	@BeforeEach
	void openWriteHandle() {
		this.storage = new StorageClient(this.http);
		this.path = TestFiles.uniquePath("w.bin");
		this.write = this.storage.openWrite(this.path);
	}

	@Test
	void dataStreamsBytesAtAnOffset() {
		byte[] bytes = TestFiles.random(3_000_000, 21);
		Map<String, Object> result = StorageClient
			.json(this.storage.writeData(this.write, 100, bytes).expectStatus().isOk());
		assertThat(result).containsEntry("bytesWritten", 3_000_000).containsEntry("size", 3_000_100);
		this.storage.commitOk(this.write, null);
		byte[] stored = this.storage.get(this.path);
		assertThat(Arrays.copyOf(stored, 100)).isEqualTo(new byte[100]);
		assertThat(Arrays.copyOfRange(stored, 100, stored.length)).isEqualTo(bytes);
	}

	@Test
	void dataRejectsNegativeOffset() {
		problem(this.storage.writeData(this.write, -1, new byte[1]), HttpStatus.BAD_REQUEST, "invalid-request");
	}

	@Test
	void scatterWritePlacesEachExtent() {
		Map<String, Object> result = StorageClient.json(this.storage
			.scatterWrite(this.write, "[{\"destinationOffset\":10,\"length\":3},{\"destinationOffset\":0,\"length\":2}]",
					new byte[] { 1, 2, 3, 4, 5 })
			.expectStatus()
			.isOk());
		assertThat(result).containsEntry("regionsWritten", 2).containsEntry("bytesWritten", 5).containsEntry("size", 13);
		this.storage.commitOk(this.write, null);
		assertThat(this.storage.get(this.path)).containsExactly(4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3);
	}

	@Test
	void scatterWriteOfAManyMegabyteLiteral() {
		byte[] bytes = TestFiles.random(5_000_000, 22);
		this.storage.scatterWrite(this.write, "[{\"destinationOffset\":4096,\"length\":5000000}]", bytes)
			.expectStatus()
			.isOk();
		this.storage.commitOk(this.write, null);
		assertThat(Arrays.copyOfRange(this.storage.get(this.path), 4096, 4096 + 5_000_000)).isEqualTo(bytes);
	}

	@Test
	void scatterWriteRejectsDataShorterThanTheLayoutAndWritesNothing() {
		Map<String, Object> body = problem(
				this.storage.scatterWrite(this.write, "[{\"destinationOffset\":0,\"length\":10}]", new byte[9]),
				HttpStatus.BAD_REQUEST, "layout-mismatch");
		assertThat(body).containsEntry("layoutBytes", 10).containsEntry("dataBytes", 9);
		assertThat(this.storage.info(this.write).size()).isZero();
	}

	@Test
	void scatterWriteRejectsDataLongerThanTheLayoutAndWritesNothing() {
		problem(this.storage.scatterWrite(this.write, "[{\"destinationOffset\":0,\"length\":10}]", new byte[11]),
				HttpStatus.BAD_REQUEST, "layout-mismatch");
		assertThat(this.storage.info(this.write).size()).isZero();
	}

	@Test
	void scatterWriteRejectsBadLayoutEntryNamingIt() {
		Map<String, Object> body = problem(this.storage.scatterWrite(this.write,
				"[{\"destinationOffset\":0,\"length\":1},{\"destinationOffset\":-4,\"length\":1}]", new byte[2]),
				HttpStatus.BAD_REQUEST, "invalid-region");
		assertThat(body).containsEntry("regionIndex", 1).containsEntry("field", "destinationOffset");
		problem(this.storage.scatterWrite(this.write, "{\"not\":\"an array\"}", new byte[2]), HttpStatus.BAD_REQUEST,
				"invalid-request");
	}

	@Test
	void scatterWriteNeedsTheLayoutPartFirst() {
		String boundary = "b0undary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\nxy\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"layout\"\r\n\r\n[{\"destinationOffset\":0,\"length\":2}]\r\n--"
				+ boundary + "--\r\n";
		problem(this.http.post()
			.uri(API + "/handles/" + this.write + "/scatter-write")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
			.body(body)
			.exchange(), HttpStatus.BAD_REQUEST, "invalid-request");
	}

	@Test
	void writesToAReadHandleAre403() {
		String path = TestFiles.uniquePath("r.bin");
		this.storage.put(path, new byte[4]);
		String read = this.storage.openRead(path);
		problem(this.storage.writeData(read, 0, new byte[1]), HttpStatus.FORBIDDEN, "read-only-handle");
		problem(this.storage.scatterWrite(read, "[{\"destinationOffset\":0,\"length\":1}]", new byte[1]),
				HttpStatus.FORBIDDEN, "read-only-handle");
		problem(this.storage.commit(read, null), HttpStatus.FORBIDDEN, "read-only-handle");
	}

}
