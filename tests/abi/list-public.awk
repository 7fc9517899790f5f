# Lists what a public header declares, one check per line, for layout.c:
#   S(group, type)            size and alignment of a struct/union
#   F(group, type, member)    offset, size and integer kind of a member
#   FX(group, type, member)   offset of a flexible array member
#   C(group, NAME)            value, size and signedness of an integer constant
#   CS(group, NAME)           a string constant
#   CA(group, NAME)           a brace-initialiser list of integers
# Names listed in SKIPFILE (-v SKIPFILE=...) are left out.
# Relies on the headers' layout: one member per line, nested aggregates
# open with "{" at the end of a line and close with "} name;".
BEGIN {
	# names not to compare: first word of each line of SKIPFILE
	if (SKIPFILE != "")
		while ((getline l < SKIPFILE) > 0) {
			sub(/#.*/, "", l); split(l, w, " ")
			if (w[1] != "") skip[w[1]] = 1
		}
}
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function emit(s) { print s }
FNR == 1 { file = FILENAME; sub(/.*\/public\//, "", file); incomment = 0; depth = 0; cont = 0 }
{
	line = $0
	# comments (possibly spanning lines)
	if (incomment) {
		if (line !~ /\*\//) next
		sub(/^.*\*\//, "", line); incomment = 0
	}
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, "", line)
	if (line ~ /\/\*/) { sub(/\/\*.*/, "", line); incomment = 1 }
	if (cont) { cont = (line ~ /\\$/); next }
	if (line ~ /^[ \t]*#/) {
		cont = (line ~ /\\$/)
		if (line !~ /^#define[ \t]+[A-Za-z_][A-Za-z_0-9]*[ \t]/) next
		name = line; sub(/^#define[ \t]+/, "", name)
		if (name ~ /^[A-Za-z_0-9]+\(/) next                 # function-like
		val = name; sub(/^[A-Za-z_0-9]+[ \t]*/, "", val); sub(/^[A-Za-z_0-9]+.*/, "&", name)
		sub(/[ \t].*/, "", name)
		val = trim(val)
		if (val == "" || skip[name]) next
		g = "constants of " file
		if (val ~ /^"/) emit("CS(\"" g "\", " name ")")
		else if (val ~ /^\{/) emit("CA(\"" g "\", " name ")")
		else emit("C(\"" g "\", " name ")")
		next
	}
	if (depth == 0) {
		if (line ~ /^(typedef[ \t]+)?(struct|union|enum)([ \t]+[A-Za-z_0-9]+)?[ \t]*\{/) {
			kind = line; sub(/^typedef[ \t]+/, "", kind)
			tag = kind; sub(/^(struct|union|enum)[ \t]*/, "", tag); sub(/[ \t]*\{.*/, "", tag)
			sub(/[ \t].*/, "", kind); sub(/\{.*/, "", kind)
			top = (tag == "") ? "" : kind " " tag
			isenum = (kind == "enum")
			depth = 1; buf[1] = ""
			if (line ~ /\}/) { close_level(line) }
			next
		}
		next
	}
	if (isenum) {
		if (line ~ /\}/) { depth = 0; next }
		n = split(line, parts, ",")
		for (i = 1; i <= n; i++) {
			e = trim(parts[i]); sub(/[ \t]*=.*/, "", e)
			if (e != "" && !skip[e]) emit("C(\"constants of " file "\", " e ")")
		}
		next
	}
	if (line ~ /\{[ \t]*$/) { depth++; buf[depth] = ""; next }
	if (line ~ /^[ \t]*\}/) { close_level(line); next }
	if (line ~ /;/) {
		if (match(line, /[A-Za-z_][A-Za-z_0-9]*[ \t]*(\[[^]]*\])?[ \t]*;/)) {
			m = substr(line, RSTART, RLENGTH)
			flex = (m ~ /\[[ \t]*\]/)
			sub(/[ \t]*(\[.*)?;.*/, "", m)
			buf[depth] = buf[depth] (flex ? "!" : "") m " "
		}
	}
}
function close_level(line,   decl, n, i, f, out) {
	decl = line; sub(/^.*\}[ \t]*/, "", decl); sub(/[ \t]*;.*/, "", decl)
	if (depth == 1) {
		if (top == "") top = decl                        # typedef struct { } name;
		g = top
		emit("S(\"" g "\", " top ")")
		n = split(buf[1], fl, " ")
		for (i = 1; i <= n; i++) {
			f = fl[i]
			if (f ~ /^!/) emit("FX(\"" g "\", " top ", " substr(f, 2) ")")
			else emit("F(\"" g "\", " top ", " f ")")
		}
		depth = 0
		return
	}
	out = ""
	n = split(buf[depth], fl, " ")
	for (i = 1; i <= n; i++) {
		f = fl[i]; flexmark = ""
		if (f ~ /^!/) { flexmark = "!"; f = substr(f, 2) }
		out = out flexmark (decl == "" ? "" : decl ".") f " "
	}
	depth--
	buf[depth] = buf[depth] (decl == "" ? "" : decl " ") out
}
