package dev.gathercopy.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The chart under test and the files around it that it must agree with. */
final class Chart {

	static final Path DIR = Path.of("gathercopy");

	static final String RELEASE = "gc";

	static final String NAMESPACE = "files";

	static final String HOOK_ANNOTATION = "helm.sh/hook:";

	static final String RENAMED_HOOK_ANNOTATION = "rendered-for-test/hook:";

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Chart() {
	}

	/** Starts a `helm template` of the chart as release {@value #RELEASE} in namespace {@value #NAMESPACE}. */
	static Render render() {
		return new Render();
	}

	/** Every values file under ci/, which the chart must render with. */
	static List<Path> ciValuesFiles() {
		try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> chartYaml() {
		return readYaml(DIR.resolve("Chart.yaml"));
	}

	static Map<String, Object> defaultValues() {
		return readYaml(DIR.resolve("values.yaml"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> schema() {
		try {
			return JSON.readValue(DIR.resolve("values.schema.json").toFile(), Map.class);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new IllegalStateException("values.schema.json is not JSON", ex);
		}
	}

	/** A service's packaged Spring configuration, e.g. {@code storage-service}. */
	static Properties applicationProperties(String module) {
		Path file = Path.of("..", module, "src", "main", "resources", "application.properties");
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	static List<String> dockerfile(String module) {
		try {
			return Files.readAllLines(Path.of("..", module, "Dockerfile"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readYaml(Path file) {
		return YAML.readValue(file.toFile(), Map.class);
	}

	/** One `helm template` call: values files and --set values in the order given. */
	static final class Render {

		private final List<Path> valuesFiles = new ArrayList<>();

		private final Map<String, Object> sets = new LinkedHashMap<>();

		private boolean withHooks;

		Render values(Path file) {
			this.valuesFiles.add(file);
			return this;
		}

		Render values(String ciFile) {
			return values(DIR.resolve("ci").resolve(ciFile));
		}

		/** Values given as YAML text, as a user's values file would hold them. */
		Render valuesYaml(String yaml) {
			try {
				Path file = Files.createTempFile(Files.createDirectories(Path.of("target", "values")), "values-", ".yaml");
				Files.writeString(file, yaml);
				return values(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		Render set(String key, Object value) {
			this.sets.put(key, value);
			return this;
		}

		/**
		 * Renders hooks (the `helm test` pod) too. helm-java's template leaves hooks out of its output, so this renders
		 * a copy of the chart in which {@value #HOOK_ANNOTATION} is renamed to {@value #RENAMED_HOOK_ANNOTATION}: Helm
		 * then treats the hook as a plain manifest, and the annotation's value can still be checked.
		 */
		Render withHooks() {
			this.withHooks = true;
			return this;
		}

		/** The rendered text; fails with Helm's message when the chart refuses the values. */
		String text() {
			FakeKubernetesApi.start();
			Path chart = this.withHooks ? copyWithHooksRenamed() : DIR;
			TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
			this.valuesFiles.forEach(template::withValuesFile);
			this.sets.forEach(template::set);
			return template.call();
		}

		Manifests manifests() {
			return Manifests.parse(text());
		}

		/** NOTES.txt as `helm install --dry-run=client` shows it. */
		String notes() {
			InstallCommand install = new Helm(DIR).install()
				.withName(RELEASE)
				.withNamespace(NAMESPACE)
				.dryRun()
				.withDryRunOption(DryRun.CLIENT)
				.clientOnly();
			this.valuesFiles.forEach(install::withValuesFile);
			this.sets.forEach(install::set);
			String output = install.call().getOutput();
			return output.substring(output.indexOf("NOTES:"));
		}

		private static Path copyWithHooksRenamed() {
			Path copy = Path.of("target", "chart-with-hooks", DIR.getFileName().toString());
			try (Stream<Path> stale = Files.exists(copy) ? Files.walk(copy) : Stream.empty()) {
				for (Path file : stale.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try (Stream<Path> files = Files.walk(DIR)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Path target = copy.resolve(DIR.relativize(file).toString());
					Files.createDirectories(target.getParent());
					Files.writeString(target, Files.readString(file).replace(HOOK_ANNOTATION, RENAMED_HOOK_ANNOTATION));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return copy;
		}

	}

}
