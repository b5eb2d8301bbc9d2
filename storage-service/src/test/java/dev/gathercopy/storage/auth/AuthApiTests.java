package dev.gathercopy.storage.auth;

import java.util.List;
import java.util.Map;

import dev.gathercopy.storage.StorageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

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
	void tokensNeverAppearInLogs(CapturedOutput output) {
		as(ADMIN).put("logged.bin", new byte[1]);
		this.http.get().uri(API + "/files").header("Authorization", "Bearer " + ADMIN + "-wrong").exchange();
		as(TEAM).http().get().uri("/api/v1/nope").exchange();
		assertThat(output.getAll()).doesNotContain(ADMIN).doesNotContain(TEAM);
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
