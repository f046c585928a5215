/// The shipped themes, compiled in so the console works wherever it is installed.
///
/// Generated from `themes/*.theme`; `ThemeTests` fails when a copy here and its file differ.
enum BuiltinThemes {
    /// Theme name → file text.
    static let texts: [String: String] = [
        "default": #"""
        # default — the dark theme (the reference: it names every styled element).
        # Format: ELEMENT = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
        # Colours: default black red green yellow blue magenta cyan white, bright-RED etc., or 0-255.
        # On 8-colour terminals bright and 256-colour values fall back to the nearest of the 8;
        # without colour (or with NO_COLOR) the console uses the mono theme's attributes.
        normal             = default on default
        header             = bright-white on blue bold
        header-flash       = blue on bright-white bold
        header-accent      = bright-yellow on blue bold
        pane-title         = cyan on default bold
        pane-title-focused = black on cyan bold
        border             = bright-black on default
        table-header       = bright-white on default bold underline
        selected           = black on bright-white
        marked             = bright-yellow on default bold
        marked-selected    = black on yellow bold
        muted              = bright-black on default
        ok                 = green on default
        warning            = yellow on default bold
        breach             = bright-red on default bold
        crisis             = bright-magenta on default bold
        alert-critical     = bright-red on default bold
        alert-warning      = yellow on default
        alert-info         = default on default
        ticker             = bright-white on red bold
        sparkline          = cyan on default
        footer             = white on default
        footer-key         = black on cyan
        message            = bright-green on default bold
        error              = bright-white on red bold
        overlay            = white on 236
        overlay-title      = black on cyan bold
        input              = bright-white on 236
        placeholder        = bright-black on 236
        """# + "\n",
        "light": #"""
        # light — for terminals with a light background.
        normal             = black on default
        header             = white on blue bold
        header-flash       = blue on white bold
        header-accent      = yellow on blue bold
        pane-title         = blue on default bold
        pane-title-focused = white on blue bold
        border             = 250 on default
        table-header       = black on default bold underline
        selected           = white on black
        marked             = magenta on default bold
        marked-selected    = white on magenta bold
        muted              = 244 on default
        ok                 = green on default
        warning            = 130 on default bold
        breach             = red on default bold
        crisis             = magenta on default bold
        alert-critical     = red on default bold
        alert-warning      = 130 on default
        alert-info         = black on default
        ticker             = white on red bold
        sparkline          = blue on default
        footer             = black on 254
        footer-key         = white on blue
        message            = green on default bold
        error              = white on red bold
        overlay            = black on 254
        overlay-title      = white on blue bold
        input              = black on 254
        placeholder        = 244 on 254
        """# + "\n",
        "high-contrast": #"""
        # high-contrast — bright colours on black, everything that matters in bold.
        normal             = bright-white on black
        header             = black on bright-white bold
        header-flash       = bright-white on black bold
        header-accent      = black on bright-yellow bold
        pane-title         = bright-yellow on black bold
        pane-title-focused = black on bright-yellow bold
        border             = bright-white on black
        table-header       = bright-white on black bold underline
        selected           = black on bright-cyan bold
        marked             = bright-yellow on black bold underline
        marked-selected    = black on bright-yellow bold
        muted              = white on black
        ok                 = bright-green on black bold
        warning            = black on bright-yellow bold
        breach             = bright-white on red bold
        crisis             = black on bright-magenta bold
        alert-critical     = bright-white on red bold
        alert-warning      = black on bright-yellow bold
        alert-info         = bright-white on black
        ticker             = bright-white on red bold
        sparkline          = bright-cyan on black bold
        footer             = bright-white on black
        footer-key         = black on bright-white bold
        message            = bright-green on black bold
        error              = bright-white on red bold
        overlay            = bright-white on blue
        overlay-title      = black on bright-white bold
        input              = black on bright-white
        placeholder        = blue on bright-white
        """# + "\n",
        "mono": #"""
        # mono — attributes only, for NO_COLOR and terminals without colour (vt100).
        # State survives without colour: breach is reverse+bold, warning bold+underline, and the
        # screen also marks them with `!!` and `!`.
        normal             = default
        header             = reverse bold
        header-flash       = bold
        header-accent      = reverse bold
        pane-title         = bold
        pane-title-focused = reverse bold
        border             = default
        table-header       = bold underline
        selected           = reverse
        marked             = bold
        marked-selected    = reverse bold
        muted              = dim
        ok                 = default
        warning            = bold underline
        breach             = reverse bold
        crisis             = bold
        alert-critical     = reverse bold
        alert-warning      = bold
        alert-info         = default
        ticker             = bold
        sparkline          = default
        footer             = default
        footer-key         = reverse
        message            = bold
        error              = reverse bold
        overlay            = default
        overlay-title      = reverse bold
        input              = underline
        placeholder        = dim
        """# + "\n",
    ]
}
