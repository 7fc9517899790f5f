/* Timing on dom0's own clock, for the bench scenarios (busybox's date has
 * no sub-second output):
 *   bench_clock now                 CLOCK_MONOTONIC in seconds, 6 decimals
 *   bench_clock repeat N CMD ARGS   runs CMD N times (output to /dev/null),
 *                                   prints each run's ms and the median */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int run(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int main(int argc, char **argv)
{
	double *ms;
	int n, i, rc;

	if (argc == 2 && strcmp(argv[1], "now") == 0) {
		printf("%.6f\n", now());
		return 0;
	}
	if (argc < 4 || strcmp(argv[1], "repeat") != 0 || (n = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: bench_clock now | bench_clock repeat N CMD [ARGS...]\n");
		return 2;
	}
	ms = calloc((size_t)n, sizeof(*ms));
	if (!ms)
		return 1;
	for (i = 0; i < n; i++) {
		double t0 = now();

		rc = run(&argv[3]);
		ms[i] = (now() - t0) * 1000;
		if (rc != 0) {
			fprintf(stderr, "bench_clock: %s exited %d\n", argv[3], rc);
			return 1;
		}
		printf("run %d: %.1f ms\n", i + 1, ms[i]);
	}
	qsort(ms, (size_t)n, sizeof(*ms), cmp);
	printf("median %.1f ms (%d runs)\n",
	       n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2, n);
	free(ms);
	return 0;
}
