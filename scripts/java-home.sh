# Sourced by ./run and .ci/run: points JAVA_HOME at the newest JDK (17 or later) on this machine, else leaves it be.
newest_java_home() {
	local best="" best_version=0 dir version
	for dir in /usr/lib/jvm/* /opt/java/* "${JAVA_HOME:-}"; do
		[ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] && [ -f "$dir/release" ] || continue
		version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")
		if [ -n "$version" ] && [ "$version" -ge 17 ] && [ "$version" -gt "$best_version" ]; then
			best=$dir
			best_version=$version
		fi
	done
	[ -n "$best" ] && echo "$best"
}
if home=$(newest_java_home); then
	export JAVA_HOME=$home
	export PATH=$JAVA_HOME/bin:$PATH
fi
unset home
