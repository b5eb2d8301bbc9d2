package dev.gathercopy.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The objects of one `helm template` output, each read into the typed model. */
record Manifests(List<HasMetadata> objects) {

	private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

	private static final Pattern ONLY_COMMENTS = Pattern.compile("(?s)\\s*(#[^\\n]*\\s*)*");

	static Manifests parse(String rendered) {
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
			if (!ONLY_COMMENTS.matcher(document).matches()) {
				objects.add(StrictModel.read(document));
			}
		}
		return new Manifests(List.copyOf(objects));
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> T one(Class<T> type, String name) {
		return all(type).stream()
			.filter((object) -> object.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name + " in "
					+ this.objects.stream().map(Manifests::describe).toList()));
	}

	boolean has(String kind, String name) {
		return this.objects.stream()
			.anyMatch((object) -> object.getKind().equals(kind) && object.getMetadata().getName().equals(name));
	}

	/** The Deployment of a component, named "<release>-gathercopy-<component>" by default. */
	Deployment deployment(String component) {
		return one(Deployment.class, name(component));
	}

	PodSpec pod(String component) {
		return deployment(component).getSpec().getTemplate().getSpec();
	}

	ConfigMap configMap(String component) {
		return one(ConfigMap.class, name(component));
	}

	static String name(String component) {
		return Chart.RELEASE + "-gathercopy-" + component;
	}

	static String describe(HasMetadata object) {
		return object.getKind() + "/" + object.getMetadata().getName();
	}

}
