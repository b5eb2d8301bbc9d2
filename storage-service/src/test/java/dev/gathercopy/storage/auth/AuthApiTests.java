package dev.gathercopy.storage.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gathercopy.storage.StorageApplication;
import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.hostile.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storage.root=target/test-storage/${random.uuid}", "storage.auth.tokens[0].name=admin",
				"storage.auth.tokens[0].token=" + AuthApiTests.ADMIN, "storage.auth.tokens[1].name=team",
				"storage.auth.tokens[1].token=" + AuthApiTests.TEAM, "storage.auth.tokens[1].prefix=team/" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class AuthApiTests {

	static final String ADMIN = "admin-token-0123456789abcdef";

	static final String TEAM = "team-token-0123456789abcdef";

	@Autowired
	RestTestClient http;

	@LocalServerPort
	int port;

	@Test
	void requestsWithoutATokenAre401() {
		RestTestClient.ResponseSpec response = this.http.get().uri(API + "/files").exchange();
		response.expectHeader().valueEquals("WWW-Authenticate", "Bearer");
		problem(response, HttpStatus.UNAUTHORIZED, "unauthorized");
		problem(this.http.get().uri(API + "/limits").exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
	}

	@Test
	void wrongTokenIs401() {
		problem(this.http.get().uri(API + "/files").header("Authorization", "Bearer " + ADMIN + "x").exchange(),
				HttpStatus.UNAUTHORIZED, "unauthorized");
		problem(this.http.get().uri(API + "/files").header("Authorization", "Basic " + ADMIN).exchange(),
				HttpStatus.UNAUTHORIZED, "unauthorized");
	}

	@Test
	void healthStaysOpen() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void prefixTokenIsConfinedToItsPrefix() {
		StorageClient team = as(TEAM);
		team.put("team/a.bin", new byte[] { 1 });
		problem(team.http().put().uri(API + "/files/other/a.bin").body(new byte[1]).exchange(), HttpStatus.FORBIDDEN,
				"forbidden");
		as(ADMIN).put("other/secret.bin", new byte[] { 2 });
		problem(team.http().get().uri(API + "/files/other/secret.bin").exchange(), HttpStatus.FORBIDDEN, "forbidden");
		problem(team.open("other/secret.bin", "read"), HttpStatus.FORBIDDEN, "forbidden");
		problem(team.http().delete().uri(API + "/files/other/secret.bin").exchange(), HttpStatus.FORBIDDEN,
				"forbidden");
		assertThat(as(ADMIN).get("other/secret.bin")).containsExactly(2);
	}

	@Test
	void prefixFiltersListings() {
		as(TEAM).put("team/list.bin", new byte[] { 1 });
		as(ADMIN).put("teamwork/x.bin", new byte[] { 1 });
		assertThat(paths(as(TEAM), "")).allMatch((path) -> path.startsWith("team/")).contains("team/list.bin");
		assertThat(paths(as(TEAM), "teamwork")).isEmpty();
		assertThat(paths(as(ADMIN), "")).contains("team/list.bin", "teamwork/x.bin");
	}

	@Test
	void handlesOfAnotherTokenAre404() {
		StorageClient admin = as(ADMIN);
		StorageClient team = as(TEAM);
		admin.put("team/shared.bin", new byte[10]);
		String adminHandle = admin.openRead("team/shared.bin");
		String teamWrite = team.openWrite("team/shared.bin");
		problem(team.http().get().uri(API + "/handles/" + adminHandle).exchange(), HttpStatus.NOT_FOUND,
				"handle-not-found");
		problem(team.gatherCopy(teamWrite, adminHandle, List.of(new long[] { 0, 0, 10 })), HttpStatus.NOT_FOUND,
				"handle-not-found");
		problem(admin.commit(teamWrite, null), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	@Test
	void tokensNeverAppearInLogsOfAnyEndpointNorOfAnyFailure(CapturedOutput output) throws Exception {
		for (String token : List.of(ADMIN, TEAM)) {
			StorageClient client = as(token);
			client.put("team/logged.bin", new byte[8]);
			client.get("team/logged.bin");
			client.http().head().uri(API + "/files/team/logged.bin").exchange();
			client.http().get().uri(API + "/files?prefix=team/").exchange();
			client.http().get().uri(API + "/limits").exchange();
			String read = client.openRead("team/logged.bin");
			String write = client.openWrite("team/logged.bin");
			client.info(read);
			client.gatherCopy(write, read, List.of(new long[] { 0, 0, 8 }));
			client.writeData(write, 8, new byte[] { 1 });
			client.scatterWrite(write, "[{\"destinationOffset\":9,\"length\":1}]", new byte[] { 2 });
			client.commit(write, null);
			client.close(read);
			client.http().delete().uri(API + "/files/team/logged.bin").exchange();
			client.gatherCopyJson("forged-handle-000000000", "{\"source\":");
			client.commit("forged-handle-000000000", null);
			client.http().get().uri(API + "/files/a%00b").exchange();
			client.http().put().uri(API + "/files/../x").body(new byte[1]).exchange();
			client.http().get().uri("/api/v1/nope").exchange();
			for (String wrong : List.of(token + "-wrong", token.substring(1), "Basic " + token)) {
				this.http.get().uri(API + "/files").header("Authorization", "Bearer " + wrong).exchange();
			}
			RawHttp raw = new RawHttp(this.port);
			raw.send(RawHttp.request("GET", API + "/limits", List.of("Authorization: Bearer " + token + "\u0001"), null));
			raw.send(RawHttp.request("GET", API + "/files/%c0%ae", List.of("Authorization: Bearer " + token), null));
			raw.send(RawHttp.request("GET", API + "/files?limit=%zz", List.of("Authorization: Bearer " + token), null));
		}
		assertThat(output.getAll()).doesNotContain(ADMIN).doesNotContain(TEAM);
	}

	@Test
	void tokensNeverAppearInStartUpLogsNorInStartUpFailures(CapturedOutput output, @TempDir Path root) {
		String rejected = "short-secret";
		String spaced = "has a space-0123456789";
		new SpringApplicationBuilder(StorageApplication.class).run("--server.port=0", "--storage.root=" + root,
				"--logging.level.dev.gathercopy=TRACE", "--logging.level.org.springframework.boot.context=DEBUG",
				"--storage.auth.tokens[0].name=admin", "--storage.auth.tokens[0].token=" + ADMIN).close();
		for (String bad : List.of(rejected, spaced)) {
			assertThatThrownBy(() -> new SpringApplicationBuilder(StorageApplication.class).run("--server.port=0",
					"--storage.root=" + root, "--storage.auth.tokens[0].name=admin",
					"--storage.auth.tokens[0].token=" + ADMIN, "--storage.auth.tokens[1].name=bad",
					"--storage.auth.tokens[1].token=" + bad).close()).rootCause().hasMessageContaining("storage");
		}
		assertThat(output.getAll()).contains("storage.auth.tokens[1]")
			.doesNotContain(ADMIN)
			.doesNotContain(rejected)
			.doesNotContain(spaced);
	}

	private StorageClient as(String token) {
		return new StorageClient(this.http.mutate().defaultHeader("Authorization", "Bearer " + token).build());
	}

	@SuppressWarnings("unchecked")
	private static List<String> paths(StorageClient client, String prefix) {
		Map<String, Object> page = StorageClient.json(client.http()
			.get()
			.uri(API + "/files?prefix=" + prefix)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk());
		return ((List<Map<String, Object>>) page.get("files")).stream().map((f) -> (String) f.get("path")).toList();
	}

}
