// One picture for the image controls that read it (image_group.ts): the active tool's regions
// are edited on it, the others' drawn faded beneath; the tool bar or T switches tools.
import { useState } from 'preact/hooks';
import type { ControlValue } from './answer';
import type { ImageControl } from './image_regions';
import { readRegions } from './image_regions';
import { ImageRegionsView } from './image_view';
import type { ViewProps } from './view';

type GroupProps = Omit<ViewProps, 'control' | 'value' | 'onChange'> & {
  tools: ImageControl[]; // The image controls on the picture, in display order.
  onChange: (control: ImageControl, value: ControlValue) => void;
};

export function ImageGroupView(props: GroupProps) {
  const { tools, answer } = props;
  const [activeName, setActiveName] = useState(tools[0]!.name);
  const active = tools.find((c) => c.name === activeName) ?? tools[0]!;
  const others = tools.filter((c) => c !== active).map((c) => ({ control: c, regions: readRegions(c, answer[c.name]) }));
  return (
    <ImageRegionsView
      {...props}
      control={active}
      value={answer[active.name]}
      onChange={(value) => props.onChange(active, value)}
      group={{ tools, onTool: setActiveName, others }}
    />
  );
}
