import { Skeleton } from 'antd';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';

type EChartsModule = typeof import('echarts');
let loading: Promise<EChartsModule> | null = null;
/** ECharts is large: it is loaded the first time a chart is drawn, as its own chunk. */
const loadECharts = () => {
  loading ??= import('echarts');
  return loading;
};

/** One ECharts chart that follows its container's size. */
export const Chart = ({
  option,
  height = 280,
  testId,
}: {
  option: EChartsOption;
  height?: number;
  testId?: string;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: ReturnType<EChartsModule['init']> | null = null;
    let observer: ResizeObserver | null = null;
    void loadECharts().then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
      chart.setOption(option);
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(ref.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return (
    <div style={{ position: 'relative', height }}>
      {!ready && <Skeleton.Node active style={{ width: '100%', height }} />}
      <div
        ref={ref}
        data-testid={testId}
        data-ready={ready ? 'true' : 'false'}
        style={{ position: 'absolute', inset: 0 }}
      />
    </div>
  );
};
