import Foundation

/// PuTTY's terminfo entry as ncurses defines it (`infocmp -x putty`; the ncurses-term package), for
/// machines without that package. Its extended keypad names bind `ESC O P`…`ESC O S` (PuTTY's F1–F4
/// in "Xterm R6" mode) to keypad keys.
enum PuttyTerminfo {
    static let source = #"""
putty|PuTTY terminal emulator,
	am, bce, bw, ccc, hs, mir, msgr, xenl, xon, XT,
	colors#8, it#8, ncv#22, pairs#64, U8#1,
	acsc=``aaffggjjkkllmmnnooppqqrrssttuuvvwwxxyyzz{{||}}~~,
	bel=^G, blink=\E[5m, bold=\E[1m, cbt=\E[Z, civis=\E[?25l,
	clear=\E[H\E[J, cnorm=\E[?25h, cr=\r,
	csr=\E[%i%p1%d;%p2%dr, cub=\E[%p1%dD, cub1=^H,
	cud=\E[%p1%dB, cud1=\ED, cuf=\E[%p1%dC, cuf1=\E[C,
	cup=\E[%i%p1%d;%p2%dH, cuu=\E[%p1%dA, cuu1=\EM,
	dch=\E[%p1%dP, dch1=\E[P,
	dispc=%?%p1%{8}%=%t\E%%G\342\227\230\E%%@%e%p1%{10}%=%t\E%%G\342\227\231\E%%@%e%p1%{12}%=%t\E%%G\342\231\0\E%%@%e%p1%{13}%=%t\E%%G\342\231\252\E%%@%e%p1%{14}%=%t\E%%G\342\231\253\E%%@%e%p1%{15}%=%t\E%%G\342\230\274\E%%@%e%p1%{27}%=%t\E%%G\342\206\220\E%%@%e%p1%{155}%=%t\E%%G\340\202\242\E%%@%e%p1%c%;,
	dl=\E[%p1%dM, dl1=\E[M, dsl=\E]0;\007, ech=\E[%p1%dX,
	ed=\E[J, el=\E[K, el1=\E[1K, enacs=\E(B\E)0,
	flash=\E[?5h$<100/>\E[?5l, fsl=^G, home=\E[H,
	hpa=\E[%i%p1%dG, ht=^I, hts=\EH, il=\E[%p1%dL, il1=\E[L,
	ind=\n, indn=\E[%p1%dS,
	initc=\E]P%p1%x%p2%{255}%*%{1000}%/%02x%p3%{255}%*%{1000}%/%02x%p4%{255}%*%{1000}%/%02x,
	is2=\E7\E[r\E[m\E[?7h\E[?1;4;6l\E[4l\E8\E>\E]R,
	ka1=\EOq, ka3=\EOs, kb2=\EOr, kbs=^?, kc1=\EOp, kc3=\EOn,
	kcbt=\E[Z, kcub1=\EOD, kcud1=\EOB, kcuf1=\EOC, kcuu1=\EOA,
	kdch1=\E[3~, kend=\E[4~, kent=\EOM, kf0=\EOy, kf1=\E[11~,
	kf10=\E[21~, kf11=\E[23~, kf12=\E[24~, kf13=\E[25~,
	kf14=\E[26~, kf15=\E[28~, kf16=\E[29~, kf17=\E[31~,
	kf18=\E[32~, kf19=\E[33~, kf2=\E[12~, kf20=\E[34~,
	kf3=\E[13~, kf4=\E[14~, kf5=\E[15~, kf6=\E[17~, kf7=\E[18~,
	kf8=\E[19~, kf9=\E[20~, khome=\E[1~, kich1=\E[2~,
	kind=\E[B, kmous=\E[<, knp=\E[6~, kpp=\E[5~, kri=\E[A,
	kspd=^Z, nel=\r\n, oc=\E]R, op=\E[39;49m, rc=\E8,
	rep=%p1%c\E[%p2%{1}%-%db, rev=\E[7m, ri=\EM,
	rin=\E[%p1%dT, rmacs=^O, rmam=\E[?7l, rmcup=\E[?1049l,
	rmir=\E[4l, rmkx=\E[?1l\E>, rmpch=\E[10m, rmso=\E[27m,
	rmul=\E[24m,
	rs2=\E<\E["p\E[50;6"p\Ec\E[?3l\E]R\E[?1000l,
	s0ds=\E[10m, s1ds=\E[11m, s2ds=\E[12m, sc=\E7,
	setab=\E[4%p1%dm, setaf=\E[3%p1%dm,
	sgr=\E[0%?%p1%p6%|%t;1%;%?%p2%t;4%;%?%p1%p3%|%t;7%;%?%p4%t;5%;m%?%p9%t\016%e\017%;,
	sgr0=\E[m\017, smacs=^N, smam=\E[?7h, smcup=\E[?1049h,
	smir=\E[4h, smkx=\E[?1h\E=, smpch=\E[11m, smso=\E[7m,
	smul=\E[4m, tbc=\E[3g, tsl=\E]0;, u6=\E[%i%d;%dR, u7=\E[6n,
	u8=\E[?6c, u9=\E[c, vpa=\E[%i%p1%dd, BD=\E[?2004l,
	BE=\E[?2004h, E3=\E[3J, PE=\E[201~, PS=\E[200~, TS=\E]0;,
	XM=\E[?1006;1000%?%p1%{1}%=%th%el%;, kDN5=\E[B,
	kLFT5=\E[D, kRIT5=\E[C, kUP5=\E[A, kp1=\EOq, kp2=\EOr,
	kp3=\EOs, kp4=\EOt, kp5=\EOu, kp6=\EOv, kp7=\EOw, kp8=\EOx,
	kp9=\EOy, kpADD=\EOl, kpDIV=\EOQ, kpDOT=\EOn, kpMUL=\EOR,
	kpNUM=\EOP, kpSUB=\EOS, kpZRO=\EOp, rmxx=\E[29m,
	smxx=\E[9m, xm=\E[<%i%p3%d;%p1%d;%p2%d;%?%p4%tM%em%;,
"""#

    /// A directory holding the compiled entry, for `TERMINFO` (ncurses still searches the system's
    /// directories after it); nil when `tic` is missing.
    static func compiled() -> String? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-terminfo-\(UUID().uuidString.prefix(8))").path
        let file = directory + ".src"
        guard (try? source.write(toFile: file, atomically: true, encoding: .utf8)) != nil else { return nil }
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard shell(["tic", "-x", "-o", directory, file]).status == 0 else { return nil }
        return directory
    }
}
