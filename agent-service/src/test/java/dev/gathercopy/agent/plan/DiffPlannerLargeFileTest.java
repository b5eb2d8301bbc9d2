package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffPlannerLargeFileTest {

	@TempDir
	Path directory;

	@Test
	void hundredScatteredOverwritesOf64MiBCostAtMostTheirBytesPlus64Each() throws IOException {
		Path base = this.directory.resolve("base");
		Path working = this.directory.resolve("working");
		DiffPlanTiming.makePair(base, working, 64L << 20, 100);

		Plan plan = DiffPlanner.plan(base, working);

		assertThat(plan.literalBytes()).isLessThanOrEqualTo(100 * (100 + 64));
		assertThat(plan.literalCount()).isLessThanOrEqualTo(100);
		assertThat(plan.regions()).allMatch(Region::blockCongruent);
		TestFiles.assertRebuilds(base, plan, working);
	}

}
