"""``arvoketju synth``: generate a synthetic national registry for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from arvoketju.reports import synth


class Command(BaseCommand):
    help = (
        "Generate a synthetic registry (organisations in regions, capabilities, joint projects) as arrays for "
        "bench/analytics_bench.py; it never touches the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, required=True, help="number of organisations")
        parser.add_argument("--projects", type=int, required=True, help="number of joint projects")
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
        parser.add_argument("--mean-size", type=float, default=synth.MEAN_SIZE, help="mean partners per project")
        parser.add_argument("--output", default="", help="write the arrays to this .npz file")

    def handle(self, *args, orgs, projects, seed, mean_size, output, **options):
        if orgs < 2 or projects < 1:
            raise CommandError("--orgs must be at least 2 and --projects at least 1")
        started = time.perf_counter()
        data = synth.generate(orgs, projects, seed=seed, mean_size=mean_size)
        took = time.perf_counter() - started
        summary = [
            f"organisations {data.organisations}",
            f"capabilities {len(data.cap_org)}",
            f"projects {projects}",
            f"participations {len(data.part_org)}",
            f"generated in {took:.2f} s",
        ]
        self.stdout.write(" · ".join(summary))
        if output:
            synth.save(data, output)
            self.stdout.write(f"wrote {output}")
