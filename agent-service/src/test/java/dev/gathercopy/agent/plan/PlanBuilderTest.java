package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlanBuilderTest {

	@Test
	void regionThatContinuesSourceAndDestinationMerges() {
		PlanBuilder builder = new PlanBuilder();
		builder.region(100, 0, 50);
		builder.region(150, 50, 30);

		assertThat(builder.build(Plan.DIFF).regions()).containsExactly(new Region(100, 0, 80));
	}

	@Test
	void regionFromElsewhereInTheSourceStaysSeparate() {
		PlanBuilder builder = new PlanBuilder();
		builder.region(100, 0, 50);
		builder.region(151, 50, 30);

		assertThat(builder.build(Plan.DIFF).regions()).containsExactly(new Region(100, 0, 50), new Region(151, 50, 30));
	}

	@Test
	void adjacentLiteralsMerge() {
		PlanBuilder builder = new PlanBuilder();
		builder.literal(0, 10);
		builder.literal(10, 5);
		builder.region(0, 15, 5);
		builder.literal(20, 1);
		builder.literal(21, 1);

		Plan plan = builder.build(Plan.DIFF);
		assertThat(plan.literals()).containsExactly(new Literal(0, 15), new Literal(20, 2));
	}

	@Test
	void regionsAcrossALiteralDoNotMerge() {
		PlanBuilder builder = new PlanBuilder();
		builder.region(0, 0, 10);
		builder.literal(10, 1);
		builder.region(11, 11, 10);

		assertThat(builder.build(Plan.DIFF).regions()).containsExactly(new Region(0, 0, 10), new Region(11, 11, 10));
	}

	@Test
	void congruentRegionsStayWhole() {
		PlanBuilder builder = new PlanBuilder();
		builder.literal(0, 3);
		builder.region(4096 + 3, 3, 3 * 4096 + 100);
		builder.region(17, 3 * 4096 + 103, 1);

		Plan plan = builder.build(Plan.DIFF);
		assertThat(plan.regions()).first().isEqualTo(new Region(4096 + 3, 3, 3 * 4096 + 100));
		assertThat(plan.regions().get(0).blockCongruent()).isTrue();
	}

	@Test
	void emptyPartsAreDropped() {
		PlanBuilder builder = new PlanBuilder();
		builder.region(7, 0, 0);
		builder.literal(0, 0);

		Plan plan = builder.build(Plan.EDIT_LOG);
		assertThat(plan.regionCount() + plan.literalCount()).isZero();
	}

	@Test
	void partsMustArriveInDestinationOrderWithoutGaps() {
		PlanBuilder builder = new PlanBuilder();
		builder.region(0, 0, 10);

		assertThatThrownBy(() -> builder.literal(11, 1)).isInstanceOf(IllegalStateException.class)
			.hasMessage("next piece starts at 11 but the plan covers 10 bytes");
	}

}
