package dev.gathercopy.helm;

import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage root and the agent workspace are the mounted volumes, and rollouts suit the volume's access mode. */
class VolumeTests {

	@Test
	void storageVolumeIsMountedAtThePathGivenAsStorageRoot() {
		Manifests manifests = Chart.render().set("storage.root", "/srv/files").manifests();

		assertThat(manifests.configMap("storage").getData()).containsEntry("STORAGE_ROOT", "/srv/files");
		Volume volume = volumeMountedAt(manifests.pod("storage"), "/srv/files");
		assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo(Manifests.name("storage"));
		PersistentVolumeClaim claim = manifests.one(PersistentVolumeClaim.class, Manifests.name("storage"));
		assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
		assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("100Gi"));
		assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
	}

	@Test
	void storageRootOfTheDefaultsIsTheMountedVolume() {
		Manifests manifests = Chart.render().manifests();
		String root = manifests.configMap("storage").getData().get("STORAGE_ROOT");

		assertThat(root).isEqualTo(((Map<?, ?>) Chart.defaultValues().get("storage")).get("root"));
		assertThat(volumeMountedAt(manifests.pod("storage"), root).getPersistentVolumeClaim()).isNotNull();
	}

	@Test
	void agentWorkspaceIsMountedAtThePathGivenAsAgentWorkspace() {
		Manifests manifests = Chart.render().set("agent.workspace", "/srv/workspace").manifests();

		assertThat(manifests.configMap("agent").getData()).containsEntry("AGENT_WORKSPACE", "/srv/workspace");
		Volume volume = volumeMountedAt(manifests.pod("agent"), "/srv/workspace");
		assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo(Manifests.name("agent"));
	}

	@Test
	void agentWorkspaceIsAnEmptyDirWhenPersistenceIsOff() {
		Manifests manifests = Chart.render().values("rwx-replicas-values.yaml").manifests();

		Volume volume = volumeMountedAt(manifests.pod("agent"), "/srv/workspace");
		assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("50Gi"));
		assertThat(manifests.has("PersistentVolumeClaim", Manifests.name("agent"))).isFalse();
	}

	@Test
	void existingClaimsAreMountedAndNoClaimIsCreated() {
		Manifests manifests = Chart.render().values("existing-secret-values.yaml").manifests();

		assertThat(manifests.all(PersistentVolumeClaim.class)).isEmpty();
		assertThat(volumeMountedAt(manifests.pod("storage"), "/var/lib/gathercopy/storage").getPersistentVolumeClaim()
			.getClaimName()).isEqualTo("gathercopy-files");
		assertThat(volumeMountedAt(manifests.pod("agent"), "/var/lib/gathercopy/agent").getPersistentVolumeClaim()
			.getClaimName()).isEqualTo("gathercopy-workspace");
	}

	@Test
	void singleAttachVolumesStopTheOldPodBeforeTheNewOneStarts() {
		Manifests manifests = Chart.render().manifests();

		assertThat(manifests.deployment("storage").getSpec().getStrategy().getType()).isEqualTo("Recreate");
		assertThat(manifests.deployment("agent").getSpec().getStrategy().getType()).isEqualTo("Recreate");
	}

	@Test
	void sharedReadWriteManyVolumeServesEveryStorageReplicaAndRollsGradually() {
		Manifests manifests = Chart.render().values("rwx-replicas-values.yaml").manifests();
		Deployment storage = manifests.deployment("storage");

		assertThat(storage.getSpec().getReplicas()).isEqualTo(3);
		assertThat(storage.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
		assertThat(storage.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
		PersistentVolumeClaim claim = manifests.one(PersistentVolumeClaim.class, Manifests.name("storage"));
		assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
		assertThat(claim.getSpec().getStorageClassName()).isEqualTo("nfs-client");
		assertThat(volumeMountedAt(storage.getSpec().getTemplate().getSpec(), "/srv/gathercopy")
			.getPersistentVolumeClaim()
			.getClaimName()).isEqualTo(claim.getMetadata().getName());
	}

	@Test
	void dashStorageClassDisablesDynamicProvisioning() {
		PersistentVolumeClaim claim = Chart.render()
			.set("storage.persistence.storageClass", "-")
			.manifests()
			.one(PersistentVolumeClaim.class, Manifests.name("storage"));

		assertThat(claim.getSpec().getStorageClassName()).isEmpty();
	}

	static Volume volumeMountedAt(PodSpec pod, String path) {
		VolumeMount mount = pod.getContainers()
			.get(0)
			.getVolumeMounts()
			.stream()
			.filter((candidate) -> candidate.getMountPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
		return pod.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(mount.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume named " + mount.getName()));
	}

}
