"""Writes one hostile input of bench/hostile.sh into a project folder."""
import struct, sys, zlib

case, root = sys.argv[1], sys.argv[2]

def text(body):
    with open(f"{root}/translations/tr.yaml", "w", encoding="utf-8") as f:
        f.write(f"cover:\n  title: Başlık\n  body: \"{body}\"\n")

def image(name, data):
    with open(f"{root}/assets/{name}", "wb") as f:
        f.write(data)
    with open(f"{root}/brochures/test.yaml", "a") as f:
        f.write(f"      - image: assets/{name}\n        height: 40\n")

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def deflate_zeros(size):
    z, out, step = zlib.compressobj(9), [], 64 << 20
    zero = bytes(step)
    while size > 0:
        out.append(z.compress(zero[:min(step, size)]))
        size -= step
    out.append(z.flush())
    return b"".join(out)

def png(width, height, depth=8, color=2, iccp=None, rows=None):
    channels = {0: 1, 2: 3, 6: 4}[color]
    row = 1 + width * channels * depth // 8
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0))
    if iccp is not None:
        data += chunk(b"iCCP", b"icc\x00\x00" + iccp)
    return data + chunk(b"IDAT", rows if rows is not None else deflate_zeros(row * height)) + chunk(b"IEND", b"")

def svg(body):
    return f"<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>{body}</svg>".encode()

def write_pdf(objs, path):
    out, offsets = b"%PDF-1.6\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(out)

if case == "word-ar":
    text("ب" * 33000)
elif case == "word-g":
    text("ğ" * 100000)
elif case == "marks":
    text("a" + "\u0301" * 50000)
elif case == "dash":
    image("x.svg", svg("<path d='M0 0 L100 100' stroke='red' stroke-dasharray='.00001'/>"))
elif case == "stroke":
    image("x.svg", svg("<path d='M0 0 L100 100' stroke='red' stroke-width='1e30'/>"))
elif case == "blur":
    image("x.svg", svg("<filter id='f' filterUnits='userSpaceOnUse' x='-1e6' y='-1e6' width='2e6' height='2e6'><feGaussianBlur stdDeviation='50'/></filter><rect width='90' height='90' filter='url(#f)'/>"))
elif case == "iccp-1g":
    image("x.png", png(2, 2, iccp=deflate_zeros(1 << 30)))
elif case == "iccp-8g":
    image("x.png", png(2, 2, iccp=deflate_zeros(8 << 30)))
elif case == "png16":
    image("x.png", png(7000, 7000, depth=16, color=6))
elif case == "biggest-ok":
    # The largest image kalem accepts: 96 MiB decoded (5016 x 5016 RGBA).
    image("x.png", png(5016, 5016, color=6))
elif case == "noise":
    image("x.svg", svg("<filter id='f'><feTurbulence baseFrequency='0.05' numOctaves='100000000'/></filter><rect width='100' height='100' filter='url(#f)'/>"))
elif case == "filters":
    image("x.svg", svg("<filter id='f'><feGaussianBlur stdDeviation='3'/><feMorphology radius='1'/></filter>" + "<rect width='100' height='100' filter='url(#f)'/>" * 2000))
elif case == "path-1m":
    image("x.svg", svg("<path d='M0 0" + " l1 1 l-1 -1" * 500000 + "' fill='red'/>"))
elif case == "text-280k":
    image("x.svg", svg("<text x='0' y='10' font-size='2'>" + "a" * 280000 + "</text>"))
elif case == "png-4990":
    image("x.png", png(4990, 4990))
elif case == "yaml-deep":
    with open(f"{root}/translations/tr.yaml", "a") as f:
        f.write("  list: " + "[" * 100000 + "\n")
elif case == "post-600":
    presets = ", ".join(f"{4000 + i}x4096" for i in range(30))
    slides = "      - text: cover.body\n        alt: cover.body\n" * 20
    with open(f"{root}/brochures/test.yaml", "a") as f:
        f.write(f"social:\n  - id: many\n    presets: [{presets}]\n    heading: cover.title\n    alt: cover.body\n    caption: cover.body\n    slides:\n{slides}")
elif case == "form-loop":
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /F 5 0 R >> >> /Contents 4 0 R >>",
    ]
    page = b"/F Do"
    objs.append(b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream")
    form = b"/F Do " * 30
    objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /F 5 0 R >> >> /Length %d >>\nstream\n" % len(form) + form + b"\nendstream")
    write_pdf(objs, f"{root}/loop.pdf")
elif case == "pdf-ops":
    page = zlib.compress(b"0 0 m 1 1 l\n" * 1500000, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(page) + page + b"\nendstream"]
    write_pdf(objs, f"{root}/ops.pdf")
elif case == "pdf-image-2000":
    pixels = zlib.compress(bytes(2000 * 2000 * 4), 9)
    page = b"q 10 0 0 10 0 0 cm /I Do Q\n" * 2000
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /I 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width 2000 /Height 2000 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream"]
    write_pdf(objs, f"{root}/image.pdf")
elif case == "pdf-1g":
    with open(f"{root}/big.pdf", "wb") as f:
        f.write(b"GIF89a")
        f.truncate(1 << 30)
elif case == "pdf-cut":
    data = open(f"{root}/ops.pdf", "rb").read()
    open(f"{root}/cut.pdf", "wb").write(data[: len(data) * 6 // 10])
