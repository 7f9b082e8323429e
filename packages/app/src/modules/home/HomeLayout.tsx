import { Content, Header, Page } from '@backstage/core-components';
import { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // As many columns as fit at 440 px or more: one at 1024 px, two at 1440,
  // three at 1920; each card as tall as its content.
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 440px), 1fr))',
    gap: theme.spacing(3),
    alignItems: 'start',
  },
}));

/**
 * The home page's layout: its widgets in a responsive grid, in the order of
 * `defaultConfig` (row, then column) when it names them, else all of them.
 * Unlike the default draggable grid, no card is cut at a fixed height or
 * pushed out of line at narrow widths.
 */
export function HomeLayout(props: HomePageLayoutProps) {
  const { widgets, defaultConfig } = props;
  const classes = useStyles();
  const order = [...(defaultConfig ?? [])]
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .map(item => item.component);
  const shown = order.length
    ? order.flatMap(name => widgets.filter(w => w.name === name))
    : widgets;
  return (
    <Page themeId="home">
      <Header
        title="Home"
        subtitle="Your deployments, what they cost and what waits for you"
      />
      <Content>
        <div className={classes.grid}>
          {shown.map((widget, index) => (
            <div key={widget.name ?? index}>{widget.component}</div>
          ))}
        </div>
      </Content>
    </Page>
  );
}
