package dev.gathercopy.storage.auth;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.gathercopy.storage.StorageClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token limited to {@code team/} is refused (403) on every endpoint for anything outside it, handles included: two
 * tokens share the name {@code ci} (as during a rotation), so the handles of the wide one are the narrow one's too and
 * only the prefix stands between them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storage.root=target/test-storage/${random.uuid}", "storage.auth.tokens[0].name=ci",
				"storage.auth.tokens[0].token=" + PrefixEnforcementTests.WIDE, "storage.auth.tokens[1].name=ci",
				"storage.auth.tokens[1].token=" + PrefixEnforcementTests.NARROW,
				"storage.auth.tokens[1].prefix=team/" })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrefixEnforcementTests {

	static final String WIDE = "wide-token-0123456789abcdef";

	static final String NARROW = "narrow-token-0123456789abcdef";

	@Autowired
	RestTestClient http;

	StorageClient wide;

	StorageClient narrow;

	String readOutside;

	String writeOutside;

	String readInside;

	String writeInside;

	@BeforeAll
	void handles() {
		this.wide = as(WIDE);
		this.narrow = as(NARROW);
		this.wide.put("other/a.bin", new byte[] { 1, 2, 3 });
		this.narrow.put("team/in.bin", new byte[] { 4, 5, 6 });
		this.readOutside = this.wide.openRead("other/a.bin");
		this.writeOutside = this.wide.openWrite("other/a.bin");
		this.readInside = this.narrow.openRead("team/in.bin");
		this.writeInside = this.narrow.openWrite("team/in.bin");
	}

	Stream<Arguments> endpointsOutsideThePrefix() {
		return Stream.of(
				endpoint("GET /files/{path}", (c) -> c.http().get().uri(API + "/files/other/a.bin").exchange()),
				endpoint("PUT /files/{path}",
						(c) -> c.http().put().uri(API + "/files/other/a.bin").body(new byte[] { 9 }).exchange()),
				endpoint("DELETE /files/{path}", (c) -> c.http().delete().uri(API + "/files/other/a.bin").exchange()),
				endpoint("POST /handles (read)", (c) -> c.open("other/a.bin", "read")),
				endpoint("POST /handles (write)", (c) -> c.open("other/new.bin", "write")),
				endpoint("GET /handles/{id}", (c) -> c.http().get().uri(API + "/handles/" + this.readOutside).exchange()),
				endpoint("DELETE /handles/{id}", (c) -> c.close(this.readOutside)),
				endpoint("gather-copy from a source outside",
						(c) -> c.gatherCopy(this.writeInside, this.readOutside, List.of(new long[] { 0, 0, 1 }))),
				endpoint("gather-copy into a destination outside",
						(c) -> c.gatherCopy(this.writeOutside, this.readInside, List.of(new long[] { 0, 0, 1 }))),
				endpoint("PUT /handles/{id}/data", (c) -> c.writeData(this.writeOutside, 0, new byte[] { 9 })),
				endpoint("POST /handles/{id}/scatter-write", (c) -> c.scatterWrite(this.writeOutside,
						"[{\"destinationOffset\":0,\"length\":1}]", new byte[] { 9 })),
				endpoint("POST /handles/{id}/commit", (c) -> c.commit(this.writeOutside, null)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpointsOutsideThePrefix")
	void aPrefixTokenIsRefusedOutsideItsPrefix(String endpoint, Function<StorageClient, ResponseSpec> call) {
		problem(call.apply(this.narrow), HttpStatus.FORBIDDEN, "forbidden");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpointsOutsideThePrefix")
	void theSameCallsWorkInsideThePrefixOrForTheWideToken(String endpoint, Function<StorageClient, ResponseSpec> call) {
		if (endpoint.startsWith("gather-copy") || endpoint.contains("/handles/{id}/") || endpoint.startsWith("DELETE")
				|| endpoint.startsWith("PUT")) {
			return;
		}
		assertThat(call.apply(this.wide).returnResult().getStatus().value()).as(endpoint).isLessThan(400);
	}

	@AfterAll
	void nothingOutsideChanged() {
		assertThat(this.wide.get("other/a.bin")).containsExactly(1, 2, 3);
		assertThat(this.wide.info(this.readOutside).size()).isEqualTo(3);
		assertThat(this.wide.info(this.writeOutside).size()).isZero();
		assertThat(StorageClient.json(this.narrow.http()
			.get()
			.uri(API + "/files?prefix=other/")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk())).containsEntry("files", List.of());
		this.narrow.http().head().uri(API + "/files/other/a.bin").exchange().expectStatus().isForbidden();
	}

	private static Arguments endpoint(String name, Function<StorageClient, ResponseSpec> call) {
		return Arguments.of(name, call);
	}

	private StorageClient as(String token) {
		return new StorageClient(this.http.mutate().defaultHeader("Authorization", "Bearer " + token).build());
	}

}
