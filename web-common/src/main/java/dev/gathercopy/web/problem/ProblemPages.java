package dev.gathercopy.web.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes {@link ProblemErrorReportValve} the host's only error report valve. Runs after Boot's customizer, which adds a
 * plain {@link ErrorReportValve} of its own.
 */
class ProblemPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final GenericProblem problems;

	ProblemPages(GenericProblem problems) {
		this.problems = problems;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			Pipeline pipeline = host.getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new ProblemErrorReportValve(this.problems));
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
