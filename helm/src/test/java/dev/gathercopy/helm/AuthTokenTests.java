package dev.gathercopy.helm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One bearer token, from one Secret key, reaches storage and both sides of the agent. */
class AuthTokenTests {

	private static final String SECRET = Manifests.name("auth");

	@AfterEach
	void forgetSecrets() {
		FakeKubernetesApi.start().clear();
	}

	@Test
	void storageAndAgentReadTheTokenFromTheSameSecretKey() {
		Manifests manifests = Chart.render().manifests();

		SecretKeySelector storage = secretRef(manifests, "storage", "STORAGE_AUTH_TOKENS_0_TOKEN");
		SecretKeySelector agentToStorage = secretRef(manifests, "agent", "AGENT_STORAGE_TOKEN");
		SecretKeySelector agentApi = secretRef(manifests, "agent", "AGENT_AUTH_TOKENS_0_TOKEN");

		assertThat(storage.getName()).isEqualTo(SECRET);
		assertThat(storage.getKey()).isEqualTo("token");
		assertThat(List.of(agentToStorage, agentApi)).allSatisfy((ref) -> {
			assertThat(ref.getName()).isEqualTo(storage.getName());
			assertThat(ref.getKey()).isEqualTo(storage.getKey());
		});
		assertThat(manifests.one(Secret.class, SECRET).getData()).containsKey(storage.getKey());
	}

	@Test
	void tokenNameIsSetBesideTheTokenOnBothServices() {
		Manifests manifests = Chart.render().set("auth.tokenName", "platform").manifests();

		assertThat(manifests.configMap("storage").getData()).containsEntry("STORAGE_AUTH_TOKENS_0_NAME", "platform");
		assertThat(manifests.configMap("agent").getData()).containsEntry("AGENT_AUTH_TOKENS_0_NAME", "platform");
	}

	@Test
	void absentTokenIsGeneratedAsFortyRandomCharacters() {
		String first = token(Chart.render().manifests());
		String second = token(Chart.render().manifests());

		assertThat(first).matches("[A-Za-z0-9]{40}");
		assertThat(second).matches("[A-Za-z0-9]{40}").isNotEqualTo(first);
	}

	@Test
	void tokenOfTheSecretAlreadyInTheClusterIsKeptOnUpgrade() {
		String kept = "kept-from-the-first-install-0123456789";
		FakeKubernetesApi.start().putSecret(Chart.NAMESPACE, SECRET, "token", kept);

		assertThat(token(Chart.render().manifests())).isEqualTo(kept);
	}

	@Test
	void tokenGivenInValuesIsUsedEvenOverAnExistingOne() {
		FakeKubernetesApi.start().putSecret(Chart.NAMESPACE, SECRET, "token", "kept-from-the-first-install-0123456789");

		assertThat(token(Chart.render().set("auth.token", "given-in-values-0123456789").manifests()))
			.isEqualTo("given-in-values-0123456789");
	}

	@Test
	void existingSecretIsReferencedAndNoSecretIsCreated() {
		Manifests manifests = Chart.render().values("existing-secret-values.yaml").manifests();

		assertThat(manifests.all(Secret.class)).isEmpty();
		for (String[] ref : new String[][] { { "storage", "STORAGE_AUTH_TOKENS_0_TOKEN" },
				{ "agent", "AGENT_STORAGE_TOKEN" }, { "agent", "AGENT_AUTH_TOKENS_0_TOKEN" } }) {
			SecretKeySelector selector = secretRef(manifests, ref[0], ref[1]);
			assertThat(selector.getName()).isEqualTo("gathercopy-token");
			assertThat(selector.getKey()).isEqualTo("bearer-token");
		}
	}

	@Test
	void notesTellHowToReadTheToken() {
		String notes = Chart.render().values("existing-secret-values.yaml").notes();

		assertThat(notes).contains(
				"kubectl get secret --namespace files gathercopy-token -o jsonpath='{.data.bearer-token}' | base64 -d");
	}

	private static String token(Manifests manifests) {
		String encoded = manifests.one(Secret.class, SECRET).getData().get("token");
		return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
	}

	private static SecretKeySelector secretRef(Manifests manifests, String component, String variable) {
		Map<String, EnvVar> env = manifests.pod(component)
			.getContainers()
			.get(0)
			.getEnv()
			.stream()
			.collect(Collectors.toMap(EnvVar::getName, (var) -> var));
		assertThat(env).as("environment of %s", component).containsKey(variable);
		assertThat(env.get(variable).getValue()).as("%s must not be written into the pod spec", variable).isNull();
		return env.get(variable).getValueFrom().getSecretKeyRef();
	}

}
