package dev.gathercopy.storage.config;

import java.nio.file.Path;

import dev.gathercopy.storage.StorageApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoragePropertiesTests {

	@TempDir
	Path root;

	@Test
	void zeroRegionLimitStopsStartUpNamingTheProperty() {
		assertStartUpFails("--storage.limits.max-regions-per-request=0", "maxRegionsPerRequest");
	}

	@Test
	void negativeFileSizeStopsStartUp() {
		assertStartUpFails("--storage.limits.max-file-size=-1", "maxFileSize");
	}

	@Test
	void shortTokenStopsStartUp() {
		assertStartUpFails("--storage.auth.tokens[0].name=a", "token");
	}

	@Test
	void subSecondTtlStopsStartUp() {
		assertStartUpFails("--storage.handles.ttl=10ms", "ttl");
	}

	private void assertStartUpFails(String argument, String mentioned) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(StorageApplication.class)
			.run("--server.port=0", "--storage.root=" + this.root, argument)
			.close()).rootCause().hasMessageContaining("storage").hasMessageContaining(mentioned);
	}

}
