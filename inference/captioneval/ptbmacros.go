package captioneval

// The macros of Stanford CoreNLP 3.4.1's PTBLexer.flex, transcribed into
// Go regular expressions. JFlex's %caseless makes the literal letters of a
// rule match either case but leaves character classes as written, so
// literals are wrapped in (?i:…) here and classes are not.

const (
	xSpace    = `[ \t\x{00A0}\x{2000}-\x{200A}\x{3000}]`
	xNewline  = `(?:\r|\r?\n|\x{2028}|\x{2029}|\x0B|\x0C|\x{0085})`
	xSpaceNL  = `(?:` + xSpace + `|` + xNewline + `)`
	xSpaceNLs = xSpaceNL + `+`
	xSGML     = `<(?:[!?][A-Za-z\-][^>\r\n]*|[A-Za-z][A-Za-z0-9_:.\-]*(?:[ ]+(?:[A-Za-z][A-Za-z0-9_:.\-]*|[A-Za-z][A-Za-z0-9_:.\-]*[ ]*=[ ]*(?:'[^']*'|"[^"]*")))*[ ]*/?|/[A-Za-z][A-Za-z0-9_:.\-]*)[ ]*>`
	xSentEnd  = xSpaceNL + `(?:` + xSpaceNL + `|\p{Lu}|` + xSGML + `)`
	xSPMDash  = `(?:&(?i:md|mdash|ndash);|[\x{0096}\x{0097}\x{2013}\x{2014}\x{2015}])`
	xSPAmp    = `(?i:&amp;)`
	xSPPunc   = `&(?:(?i:ht|tl|ur|lr|qc|ql|qr|odq|cdq)|#[0-9]+);`
	xSPLet    = `&[aeiouAEIOU](?i:acute|grave|uml);`
	xDigit    = `[\p{Nd}\x{07C0}-\x{07C9}]`
	xDate     = xDigit + `{1,2}[\-/]` + xDigit + `{1,2}[\-/]` + xDigit + `{2,4}`
	xNum      = `(?:` + xDigit + `+|` + xDigit + `*(?:[.:,\x{00AD}\x{066B}\x{066C}]` + xDigit + `+)+)`
	xNumber   = `[\-+]?` + xNum
	xSubSup   = `[\x{207A}\x{207B}\x{208A}\x{208B}]?(?:[\x{2070}\x{00B9}\x{00B2}\x{00B3}\x{2074}-\x{2079}]+|[\x{2080}-\x{2089}]+)`
	xFrac     = `(?:` + xDigit + `{1,4}[- \x{00A0}])?` + xDigit + `{1,4}(?:\\?/|\x{2044})` + xDigit + `{1,4}`
	xFrac2    = `[\x{00BC}\x{00BD}\x{00BE}\x{2153}-\x{215E}]`
	xDolSign  = `(?:[A-Z]*\$|#)`
	xDolSign2 = `[\x{00A2}\x{00A3}\x{00A4}\x{00A5}\x{0080}\x{20A0}\x{20AC}\x{060B}\x{0E3F}\x{20A4}\x{FFE0}\x{FFE1}\x{FFE5}\x{FFE6}]`
	xLetter   = `(?:\p{L}|` + xSPLet + `|[\x{00AD}\x{0237}-\x{024F}\x{02C2}-\x{02C5}\x{02D2}-\x{02DF}\x{02E5}-\x{02FF}\x{0300}-\x{036F}\x{0370}-\x{037D}\x{0384}\x{0385}\x{03CF}\x{03F6}\x{03FC}-\x{03FF}\x{0483}-\x{0487}\x{04CF}\x{04F6}-\x{04FF}\x{0510}-\x{0525}\x{055A}-\x{055F}\x{0591}-\x{05BD}\x{05BF}\x{05C1}\x{05C2}\x{05C4}\x{05C5}\x{05C7}\x{0615}-\x{061A}\x{063B}-\x{063F}\x{064B}-\x{065E}\x{0670}\x{06D6}-\x{06EF}\x{06FA}-\x{06FF}\x{070F}\x{0711}\x{0730}-\x{074F}\x{0750}-\x{077F}\x{07A6}-\x{07B1}\x{07CA}-\x{07F5}\x{07FA}\x{0900}-\x{0903}\x{093C}\x{093E}-\x{094E}\x{0951}-\x{0955}\x{0962}-\x{0963}\x{0981}-\x{0983}\x{09BC}-\x{09C4}\x{09C7}\x{09C8}\x{09CB}-\x{09CD}\x{09D7}\x{09E2}\x{09E3}\x{0A01}-\x{0A03}\x{0A3C}\x{0A3E}-\x{0A4F}\x{0A81}-\x{0A83}\x{0ABC}-\x{0ACF}\x{0B82}\x{0BBE}-\x{0BC2}\x{0BC6}-\x{0BC8}\x{0BCA}-\x{0BCD}\x{0C01}-\x{0C03}\x{0C3E}-\x{0C56}\x{0D3E}-\x{0D44}\x{0D46}-\x{0D48}\x{0E30}-\x{0E3A}\x{0E47}-\x{0E4E}\x{0EB1}-\x{0EBC}\x{0EC8}-\x{0ECD}])`
	xLetDig   = `(?:` + xLetter + `|` + xDigit + `)`
	xWord     = xLetter + xLetDig + `*(?:[.!?]` + xLetter + xLetDig + `*)*`
	xFileExt  = `(?i:bat|bmp|c|class|cgi|cpp|dll|doc|docx|exe|gif|gz|h|htm|html|jar|java|jpeg|jpg|mov|mp3|pdf|php|pl|png|ppt|ps|py|sql|tar|txt|wav|x|xml|zip)`
	xFilename = xLetDig + `+(?:[.]` + xLetDig + `+)*(?:[.]` + xFileExt + `)`
	xApos     = `(?:['\x{0092}\x{2019}]|(?i:&apos;))`
	xAposEtc  = `(?:` + xApos + "|[`\\x{0091}\\x{2018}\\x{201B}])"
	xHyphen   = `[\-_\x{058A}\x{2010}\x{2011}]`
	xLD       = `[\p{L}\p{Nd}]`
	xThingPre = `(?:[dDoOlL]` + xAposEtc + xLD + `)?`
	xThing    = xThingPre + xLD + `+(?:` + xHyphen + xThingPre + xLD + `+)*`
	xThingA   = `[A-Z]+(?:(?:[+&]|` + xSPAmp + `)[A-Z]+)+`
	xThing3   = `[A-Za-z0-9]+(?:-[A-Za-z]+){0,2}(?:\\?/[A-Za-z0-9]+(?:-[A-Za-z]+){0,2}){1,2}`
	xAcroTail = `|(?i:canada|sino|korean|eu|japan|non)-(?i:u)\.(?i:s)|(?i:u)\.(?i:s)\.-(?:(?i:u)\.(?i:k)|(?i:u)\.(?i:s)\.(?i:s)\.(?i:r))`
	xAcro     = `(?:[A-Za-z](?:\.[A-Za-z])*` + xAcroTail + `)`
	xAcro2    = `(?:[A-Za-z](?:\.[A-Za-z])+` + xAcroTail + `)`
	xHThing   = `[A-Za-z0-9][A-Za-z0-9.,\x{00AD}]*(?:-(?:[A-Za-z0-9\x{00AD}]+|` + xAcro2 + `\.))+`
	xRedAux   = xApos + `(?:[msdMSD]|(?i:re|ve|ll))`
	xSWord    = `[A-Za-z\x{00AD}]*[A-MO-Za-mo-z]\x{00AD}*`
	xSRedAux  = `(?i:n)` + xAposEtc + `(?i:t)`
	xApoWord  = `(?:` + xApos + `(?i:n)` + xApos + `?|[lLdDjJ]` + xApos + `|(?i:dunkin)` + xApos + `|(?i:somethin)` + xApos +
		`|(?i:ol)` + xApos + `|` + xApos + `(?i:em)|[A-HJ-XZn]` + xAposEtc + `\p{L}{2}\p{L}*|` + xApos + `[2-9]0(?i:s)|` +
		xApos + `(?i:til)(?i:l)?|\p{L}\p{L}*[aeiouyAEIOUY]` + xAposEtc + `[aeiouA-Z]\p{L}*|` + xApos + `(?i:cause)` +
		`|(?i:cont'd)\.?|(?i:'twas|nor'easter|c'mon|e'er|s'mores|ev'ry|li'l|nat'l)|(?i:o)` + xAposEtc + `(?i:o))`
	xApoWord2  = `(?i:y)` + xApos
	xFullURL   = `(?i:https?)://[^ \t\n\f\r"<>|(){}]+[^ \t\n\f\r"<>|.!?(){},-]`
	xLikelyURL = `(?:(?:(?i:www)\.(?:[^ \t\n\f\r"<>|.!?(){},]+\.)+[a-zA-Z]{2,4})|(?:(?:[^ \t\n\f\r"` + "`" +
		`'<>|.!?(){},-_$]+\.)+(?i:com|net|org|edu)))(?:/[^ \t\n\f\r"<>|()]+[^ \t\n\f\r"<>|.!?(){},-])?`
	xEmail   = `(?:(?i:&lt;)|<)?[a-zA-Z0-9][^ \t\n\f\r"<>|()\x{00A0}{}]*@(?:[^ \t\n\f\r"<>|(){}.\x{00A0}]+\.)*(?:[^ \t\n\f\r"<>|(){}.\x{00A0}]+)(?:(?i:&gt;)|>)?`
	xTwitter = `(?:@[a-zA-Z_][a-zA-Z_0-9]*|#` + xLetter + `+)`

	// The abbreviations: [A] in the lexer keeps a capital letter capital.
	xAbMonth  = `(?i:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)`
	xAbDays   = `(?i:mon|tue|tues|wed|thu|thurs|fri)`
	xAbState  = `(?:(?i:ala|ariz)|A(?i:z)|A(?i:rk)|(?i:calif|colo|conn|ct|dak)|D(?i:el)|(?i:fla|ga)|I(?i:ll)|(?i:ind|kans?|ky)|L(?i:a)|M(?i:ass)|(?i:md|mich|minn)|M(?i:iss)|(?i:mo|mont|neb|nev|okla)|O(?i:re)|P(?i:a)|(?i:penn|tenn)|T(?i:ex)|(?i:va|vt)|W(?i:ash)|(?i:wisc?|wyo))`
	xAbComp   = `(?:(?i:inc|cos?|corp)|(?i:pp?t)[ye](?i:s)?|(?i:ltd|plc|rt|bancorp|bhd|assn|univ|intl|sys))`
	xAbNum    = `(?i:tel|est|ext|sq)`
	xAbPTit   = `(?i:jr|sr|bros|(?:ed|ph)\.d|blvd|rd|esq)`
	xAbbrev1  = `(?:` + xAbMonth + `|` + xAbDays + `|` + xAbState + `|` + xAbComp + `|` + xAbNum + `|` + xAbPTit + `|(?i:etc|al|seq|bldg))\.`
	xAbTitle  = `(?:(?i:mr|mrs|ms)|M(?i:iss)|(?i:drs?|profs?|sens?|reps?|attys?|lt|col|gen|messrs|govs?|adm|rev|maj|sgt|cpl|pvt|capt|ste?|ave|pres|lieut|hon|brig|co?mdr|pfc|spc|supts?|det|mt|ft|adj|adv|asst|assoc|ens|insp|mlle|mme|msgr|sfc))`
	xAbComp2  = `(?:(?i:invt|elec|natl)|(?i:m)[ft](?i:g)|(?i:dept))`
	xAbbrev4  = `(?:` + xAbTitle + `|(?i:vs|alex|wm|jos|cie|a\.k\.a|cf|treas|ph)|` + xAcro + `|` + xAbComp2 + `)`
	xAbbrev2  = xAbbrev4 + `\.`
	xAcronym  = xAcro + `\.`
	xAbbrev3  = `(?i:ca|figs?|prop|nos?|art|bldg|pp|op)\.`
	xSentWord = `(?:A(?i:bout)|A(?i:ccording)|A(?i:dditionally)|A(?i:fter)|A(?i:n)|A|A(?i:s)|A(?i:t)|B(?i:ut)|E(?i:arlier)|H(?i:e)|H(?i:er)|H(?i:ere)|H(?i:owever)|I(?i:f)|I(?i:n)|I(?i:t)|L(?i:ast)|M(?i:any)|M(?i:ore)|M(?i:r)\.|M(?i:s)\.|N(?i:ow)|O(?i:nce)|O(?i:ne)|O(?i:ther)|O(?i:ur)|S(?i:he)|S(?i:ince)|S(?i:o)|S(?i:ome)|S(?i:uch)|T(?i:hat)|T(?i:he)|T(?i:heir)|T(?i:hen)|T(?i:here)|T(?i:hese)|T(?i:hey)|T(?i:his)|W(?i:e)|W(?i:hen)|W(?i:hile)|W(?i:hat)|Y(?i:et)|Y(?i:ou)|` + xSGML + `)`

	xPhone       = `(?:\([0-9]{2,3}\)[ \x{00A0}]?|(?:\+\+?)?(?:[0-9]{2,4}[\- \x{00A0}])?[0-9]{2,4}[\- \x{00A0}])[0-9]{3,4}[\- \x{00A0}]?[0-9]{3,5}|(?:(?:\+\+?)?[0-9]{2,4}\.)?[0-9]{2,4}\.[0-9]{3,4}\.[0-9]{3,5}`
	xLDots       = `(?:\.{3,5}|(?:\.[ \x{00A0}]){2,4}\.|[\x{0085}\x{2026}])`
	xFNMarks     = `(?:@+|#+|_+)`
	xAsts        = `(?:\*+|(?:\\\*){1,3})`
	xInSentP     = `[,;:\x{3001}]`
	xQuotes      = `(?:` + xApos + "|''|[`\\x{2018}\\x{2019}\\x{201A}\\x{201B}\\x{201C}\\x{201D}\\x{0091}\\x{0092}\\x{0093}\\x{0094}\\x{201E}\\x{201F}\\x{2039}\\x{203A}\\x{00AB}\\x{00BB}]{1,2})"
	xDblQuot     = `(?:"|(?i:&quot;))`
	xTBSpec      = `(?:-(?i:rrb|lrb|rcb|lcb|rsb|lsb)-|(?i:c\.d\.s|pro-|anti-)|(?i:s)(?:&|` + xSPAmp + `)(?i:p-500)|(?i:s)(?:&|` + xSPAmp + `)(?i:ls)|(?i:cap)` + xApos + `(?i:n)|(?i:c)` + xApos + `(?i:est))`
	xTBSpec2     = xApos + `[0-9][0-9]`
	xSmiley      = `[<>]?[:;=][\-o*']?[()DPdpO\\{@|\[\]]`
	xAsianSmiley = `(?:[\^x=~<>]\.\[\^x=~<>\]|[\-\^x=~<>']_[\-\^x=~<>']|\([\-\^x=~<>'][_.]?[\-\^x=~<>']\)|\([\^x=~<>']-[\^x=~<>'` + "`" + `]\))`
	xMiscSymbol  = `[+%&~\^|\\¦\x{00A7}¨\x{00A9}\x{00AC}\x{00AE}¯\x{00B0}-\x{00B3}\x{00B4}-\x{00BA}\x{00D7}\x{00F7}\x{0387}\x{05BE}\x{05C0}\x{05C3}\x{05C6}\x{05F3}\x{05F4}\x{0600}-\x{0603}\x{0606}-\x{060A}\x{060C}\x{0614}\x{061B}\x{061E}\x{066A}\x{066D}\x{0703}-\x{070D}\x{07F6}\x{07F7}\x{07F8}\x{0964}\x{0965}\x{0E4F}\x{1FBD}\x{2016}\x{2017}\x{2020}-\x{2023}\x{2030}-\x{2038}\x{203B}\x{203E}-\x{2042}\x{2044}\x{207A}-\x{207F}\x{208A}-\x{208E}\x{2100}-\x{214F}\x{2190}-\x{21FF}\x{2200}-\x{2BFF}\x{3012}\x{30FB}\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF20}\x{FF3B}-\x{FF40}\x{FF5B}-\x{FF65}]`
)
