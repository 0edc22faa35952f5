import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code as SVG, drawn from the code's modules (no image file, nothing the renderer's content policy has to let
 * in). Level M survives a crease or a smudge on a printed letter; the quiet zone is the standard four modules.
 */
export function Qr({ text, size = 128, testId }: { text: string; size?: number; testId?: string }) {
  const { count, path } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { count: n + 8, path: d };
  }, [text]);
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={text}
      data-testid={testId}
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
